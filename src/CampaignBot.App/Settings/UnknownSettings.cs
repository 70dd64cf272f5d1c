using System.Collections;
using System.Reflection;
using CampaignBot.Core.Validation;
using Microsoft.Extensions.Options;

namespace CampaignBot.App.Settings;

/// <summary>
/// Refuses to start when a section holds a key its options class has no property for: the binder drops such keys
/// in silence, so a misspelt <c>Destinations:0:Locaton</c> would leave a destination writing to the wrong place.
/// Each failure names the key by its full path, with the closest known key when there is one.
/// </summary>
public static class UnknownSettings
{
    /// <summary>Checks <paramref name="section"/> against <typeparamref name="TOptions"/> at start-up, with the other validators.</summary>
    /// <param name="shape">The type the section binds to, when it is not the options class itself (a bare list of entries).</param>
    public static OptionsBuilder<TOptions> RefuseUnknownSettings<TOptions>(this OptionsBuilder<TOptions> builder, string section, Type? shape = null)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new UnknownSettingsValidation<TOptions>(provider.GetRequiredService<IConfiguration>(), section, shape ?? typeof(TOptions)));
        return builder;
    }

    /// <summary>One sentence per key under <paramref name="section"/> that binds to nothing in <paramref name="shape"/>.</summary>
    public static IReadOnlyList<string> Find(IConfigurationSection section, Type shape)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(shape);
        var failures = new List<string>();
        Walk(section, shape, failures);
        return failures;
    }

    private static void Walk(IConfigurationSection section, Type shape, List<string> failures)
    {
        if (IsValue(shape))
        {
            return;
        }

        if (ElementOf(shape) is { } element)
        {
            // List entries and dictionary values are keyed by the caller (0, 1, … or free names); only their insides are checked.
            foreach (var entry in section.GetChildren())
            {
                Walk(entry, element, failures);
            }

            return;
        }

        var settings = Settable(shape);
        foreach (var child in section.GetChildren())
        {
            if (settings.FirstOrDefault(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase)) is { } property)
            {
                Walk(child, property.PropertyType, failures);
                continue;
            }

            var names = settings.Select(p => p.Name).ToList();
            failures.Add(ClosestName.Among(child.Key, names) is { } closest
                ? $"{child.Path} is not a setting; did you mean {Parent(child.Path)}{closest}?"
                : $"{child.Path} is not a setting; the settings there are {string.Join(", ", names)}.");
        }
    }

    // What the configuration binder writes to: public properties with a setter, or read-only ones it fills in place.
    private static List<PropertyInfo> Settable(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && (p.SetMethod?.IsPublic == true || !IsValue(p.PropertyType)))];

    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || !type.IsGenericType)
        {
            return null;
        }

        var arguments = type.GetGenericArguments();
        return arguments.Length switch
        {
            1 => arguments[0],
            2 => arguments[1],
            _ => null,
        };
    }

    private static bool IsValue(Type type)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        return clr.IsPrimitive || clr.IsEnum || clr == typeof(string) || clr == typeof(decimal) || clr == typeof(TimeSpan)
            || clr == typeof(DateTime) || clr == typeof(DateTimeOffset) || clr == typeof(Guid) || clr == typeof(Uri);
    }

    private static string Parent(string path) => path.LastIndexOf(':') is var at and >= 0 ? path[..(at + 1)] : "";
}

/// <summary>The start-up check of one options section; its failures join the section's other validation failures.</summary>
public sealed class UnknownSettingsValidation<TOptions>(IConfiguration configuration, string section, Type shape) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = UnknownSettings.Find(configuration.GetSection(section), shape);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
