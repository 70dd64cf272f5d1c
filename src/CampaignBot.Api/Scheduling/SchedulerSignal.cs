namespace CampaignBot.Api.Scheduling;

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
    public Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken) =>
        Task.WhenAny(_wake.WaitAsync(cancellationToken), Task.Delay(timeout, clock, cancellationToken));
}
