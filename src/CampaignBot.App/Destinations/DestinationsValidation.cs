using CampaignBot.Core.Destinations;
using CampaignBot.Delivery.Connectors;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Destinations;

/// <summary>
/// Reads the configured destinations into instances and refuses to start with a message per bad entry,
/// including credentials missing from the section each CredentialsReference names (by key, never by value).
/// </summary>
public sealed class DestinationsValidation(IConfiguration configuration) : IValidateOptions<DestinationsOptions>
{
    public ValidateOptionsResult Validate(string? name, DestinationsOptions options)
    {
        var failures = new List<string>();
        var settings = options.Effective;
        for (var i = 0; i < settings.Count; i++)
        {
            if (!TryKind(settings[i].Kind, out _))
            {
                failures.Add($"Destinations:{i}:Kind is '{settings[i].Kind}'; use one of {string.Join(", ", Enum.GetNames<DestinationKind>())}.");
            }

            if (settings[i].Transport is { } transport && !TryTransport(transport, out _))
            {
                failures.Add($"Destinations:{i}:Transport is '{transport}'; use one of {string.Join(", ", Enum.GetNames<DestinationTransport>())}.");
            }
        }

        if (failures.Count == 0)
        {
            var instances = ToInstances(options);
            failures.AddRange(DestinationInstanceRules.Check(instances).Select(p => $"{p.Path}: {p.Message}"));
            failures.AddRange(DefaultAttributeColumns.Check(instances));
            failures.AddRange(CredentialSections.Check(instances, configuration));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static IReadOnlyList<DestinationInstance> ToInstances(DestinationsOptions options) =>
        options.Effective.Select(s => new DestinationInstance
        {
            Name = s.Name.Trim(),
            Kind = TryKind(s.Kind, out var kind) ? kind : throw new OptionsValidationException(DestinationsOptions.Section, typeof(DestinationsOptions), [$"Unknown destination kind '{s.Kind}'."]),
            CredentialsReference = s.CredentialsReference,
            DefaultAttributes = s.DefaultAttributes,
            DefaultSourceTable = s.DefaultSourceTable,
            Location = s.Location,
            Gzip = s.Gzip,
            Endpoint = s.Endpoint,
            Region = s.Region,
            MultipartThresholdBytes = s.MultipartThresholdBytes,
            Host = s.Host,
            Port = s.Port,
            UserName = s.UserName,
            HostKeyFingerprint = s.HostKeyFingerprint,
            Transport = s.Transport is null ? null : TryTransport(s.Transport, out var transport) ? transport
                : throw new OptionsValidationException(DestinationsOptions.Section, typeof(DestinationsOptions), [$"Unknown transport '{s.Transport}'."]),
            ClientDomain = s.ClientDomain,
            AccountId = s.AccountId,
            ApiVersion = s.ApiVersion,
            RequestsPerSecond = s.RequestsPerSecond,
            RequestsPerMinute = s.RequestsPerMinute,
            AttemptTimeout = s.AttemptTimeout,
            TotalTimeout = s.TotalTimeout,
            RetryDelay = s.RetryDelay,
            PollInterval = s.PollInterval,
        }).ToList();

    private static bool TryTransport(string text, out DestinationTransport transport) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out transport) && Enum.IsDefined(transport) && !int.TryParse(text, out _);

    private static bool TryKind(string? text, out DestinationKind kind) =>
        Enum.TryParse((text ?? "").Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);
}
