using CampaignBot.App.Settings;
using CampaignBot.Delivery.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Mail;

/// <summary>Email: the "Smtp" section, the SMTP sender and the durable outbox that sends in the background.</summary>
public static class MailSetup
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).RefuseUnknownSettings(SmtpOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<MailOutbox>();
        // Retry jitter only spreads retries; it needs no seed outside tests.
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<MailOutboxSender>(provider, new Random()));
        services.AddHostedService(provider => provider.GetRequiredService<MailOutboxSender>());
        return services;
    }
}
