namespace CampaignBot.App.Application;

/// <summary>Wakes the scheduler early (an approval, a resume) so an ASAP campaign starts in seconds, not at the next poll.</summary>
public sealed class SchedulerSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it at the same moment; one wake is enough.
            }
        }
    }

    /// <summary>Waits for a wake or the timeout, whichever is first.</summary>
    /// <remarks>
    /// The timeout cancels the wait rather than racing it: a wait left pending after a timeout would swallow the
    /// next wake, and an ASAP campaign would then start only at the next poll.
    /// </remarks>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake.
        }
    }
}
