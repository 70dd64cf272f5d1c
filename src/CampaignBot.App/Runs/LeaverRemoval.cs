using CampaignBot.Core.Destinations;
using CampaignBot.Customers.Audiences;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Runs;

/// <summary>
/// Keeps a recurring campaign's destination list equal to its group: removes the customers recorded on the list at
/// the last delivery who are no longer in the group. Removal is idempotent, so a resumed run simply repeats it.
/// </summary>
public sealed class LeaverRemoval(ListMemberships memberships, IOptions<SchedulerOptions> options, TimeProvider clock)
{
    /// <param name="Removed">Leavers sent for removal.</param>
    /// <param name="Unreachable">Leavers with no identifier left in the customer data (deleted or emptied), so nothing to remove them by.</param>
    /// <param name="Failure">Why removal stopped, or null when every leaver was handled.</param>
    public sealed record Result(long Removed, long Unreachable, (string Reason, FailureKind Kind)? Failure);

    /// <param name="listKey">The list the job keeps equal to its group (<see cref="DeliveryJob.ListKey"/>).</param>
    public async Task<Result> RemoveAsync(DeliveryJob job, IRemovesMembers remover, string listKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (plan, request, target) = (job.Plan, job.Audience, job.Target);
        if (!await memberships.HasRecordAsync(listKey, cancellationToken))
        {
            return new Result(0, 0, null); // The list's first delivery: nobody can have left it yet.
        }

        var shaper = new RowShaper(plan.Instance.Descriptor, plan.Attributes);
        var batchSize = DeliveryRunner.BatchSizeFor(options.Value.BatchSize, plan.Instance);
        var rows = new List<string?[]>();
        var values = new object?[plan.Attributes.Count];
        long removed = 0, unreachable = 0;
        var sequence = 0;
        await foreach (var leaver in memberships.StreamLeaversAsync(listKey, request, plan.Slot, plan.Columns, cancellationToken))
        {
            Array.Copy(leaver.Attributes, values, values.Length);
            plan.FillCampaignValues(values);
            var shaped = shaper.Shape(values, plan.ReadsCountry ? leaver.Attributes[^1] as string : null);
            if (shaped.Dropped is not null)
            {
                unreachable++;
                continue;
            }

            rows.Add(shaped.Values!);
            if (rows.Count == batchSize)
            {
                if (await SendAsync(remover, new DeliveryBatch(target, ++sequence, rows), cancellationToken) is { } failure)
                {
                    return new Result(removed, unreachable, failure);
                }

                removed += rows.Count;
                rows = [];
            }
        }

        if (rows.Count > 0)
        {
            if (await SendAsync(remover, new DeliveryBatch(target, ++sequence, rows), cancellationToken) is { } failure)
            {
                return new Result(removed, unreachable, failure);
            }

            removed += rows.Count;
        }

        return new Result(removed, unreachable, null);
    }

    private async Task<(string Reason, FailureKind Kind)?> SendAsync(IRemovesMembers remover, DeliveryBatch batch, CancellationToken cancellationToken) =>
        BatchRetries.Failure(await BatchRetries.SendAsync(() => remover.RemoveAsync(batch, cancellationToken), options.Value.BatchAttempts, clock, cancellationToken));
}
