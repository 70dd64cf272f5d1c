using System.Globalization;
using CampaignBot.Core.Destinations.Identifiers;

namespace CampaignBot.Core.Destinations;

/// <summary>
/// Turns a customer's attribute values into exactly what one destination accepts: its field names,
/// normalized emails and phones, SHA-256 where it wants hashes; rows lacking a required identifier are
/// dropped with a reason. Each row's result depends on that row alone, so a run can stream any number of
/// customers through it (repeated values are shaped once and remembered, see <see cref="ShapedValueCache"/>).
/// </summary>
public sealed class RowShaper
{
    private static readonly HashSet<string> MetaHashed = ["email", "phone", "given_name", "surname", "postal_code", "city", "state", "country", "birthdate", "gender"];
    private readonly DestinationDescriptor _destination;
    private readonly string[] _attributes;

    // Per attribute, decided once here rather than looked up again for every row.
    private readonly bool[] _mustHave;
    private readonly bool[] _hashed;
    private readonly bool[] _metaIdentifier;
    private readonly ShapedValueCache? _cache;

    /// <param name="rememberRepeatedValues">
    /// Whether to shape each distinct (value, country) once and reuse the result (see <see cref="ShapedValueCache"/>);
    /// the rows come out the same either way, false only does all the work for every row.
    /// </param>
    public RowShaper(DestinationDescriptor destination, IReadOnlyList<string> attributes, string defaultPhoneRegion = "US", bool rememberRepeatedValues = true)
    {
        _destination = destination;
        _attributes = attributes.Select(a => a.Trim().ToLowerInvariant()).ToArray();
        DefaultPhoneRegion = defaultPhoneRegion;
        _mustHave = _attributes.Select(MustHave).ToArray();
        _hashed = _attributes.Select(Hashes).ToArray();
        _metaIdentifier = _attributes.Select(a => destination.Kind == DestinationKind.MetaAds && IdentifierRequirements.MetaIdentifiers.Contains(a)).ToArray();
        Fields = _attributes.Select(a => destination.FieldNames.GetValueOrDefault(a, a)).ToArray();
        _cache = rememberRepeatedValues && !destination.IsFile ? new ShapedValueCache(_attributes.Select(a => a == "phone").ToArray()) : null;
    }

    /// <summary>The output field names, one per requested attribute.</summary>
    public IReadOnlyList<string> Fields { get; }

    public string DefaultPhoneRegion { get; }

    /// <param name="values">The attribute values in the order the shaper was built with.</param>
    /// <param name="country">The customer's country (ISO alpha-2) for reading national phone numbers.</param>
    public ShapedRow Shape(IReadOnlyList<object?> values, string? country)
    {
        var shaped = new string?[_attributes.Length];
        var hasMetaIdentifier = false;
        for (var i = 0; i < _attributes.Length; i++)
        {
            var attribute = _attributes[i];
            var value = ShapeValue(i, values[i], country);
            if (value is null && _mustHave[i])
            {
                return new ShapedRow(null, attribute == "phone" ? DropReason.NoValidPhone : DropReason.NoValidEmail);
            }

            shaped[i] = value;
            hasMetaIdentifier |= _metaIdentifier[i] && value is not null;
        }

        if (_destination.Kind == DestinationKind.MetaAds && !hasMetaIdentifier)
        {
            return new ShapedRow(null, DropReason.NoIdentifier);
        }

        return new ShapedRow(shaped, null);
    }

    // Normalized, then hashed where the destination wants hashes; only text is remembered, since a date or a number
    // shapes differently from its text (a Meta birthdate keeps only its year).
    private string? ShapeValue(int i, object? raw, string? country)
    {
        if (_cache is null || raw is not string text || !_cache.Caches(i))
        {
            return Hashed(i, Normalize(_attributes[i], raw, country));
        }

        var readsCountry = _attributes[i] == "phone" ? country : null;
        if (_cache.TryGet(i, text, readsCountry, out var remembered))
        {
            return remembered;
        }

        var shaped = Hashed(i, Normalize(_attributes[i], raw, country));
        _cache.Remember(i, text, readsCountry, shaped);
        return shaped;
    }

    private string? Hashed(int i, string? normalized) => normalized is not null && _hashed[i] ? Hashing.Sha256HexOnce(normalized) : normalized;

    /// <summary>Per attribute: whether its value survives normalization (a usable email, a phone that parses…), values left out.</summary>
    public IReadOnlyList<bool> Usable(IReadOnlyList<object?> values, string? country) =>
        _attributes.Select((attribute, i) => Normalize(attribute, values[i], country) is not null).ToArray();

    private bool MustHave(string attribute) =>
        _destination.Required.Contains(attribute) || _destination.ExactlyOneOf.Contains(attribute);

    private bool Hashes(string attribute) => _destination.Hashing == IdentifierHashing.Sha256 && _destination.Kind switch
    {
        DestinationKind.MetaAds => MetaHashed.Contains(attribute),
        _ => attribute is "email" or "phone" or "idfa" or "aaid",
    };

    private string? Normalize(string attribute, object? value, string? country)
    {
        var text = ValueText.Of(value)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (_destination.IsFile)
        {
            return text;
        }

        var meta = _destination.Kind == DestinationKind.MetaAds;
        return attribute switch
        {
            "email" => _destination.Email == EmailStyle.TikTok ? Emails.NormalizeForTikTok(text) : Emails.Normalize(text),
            "phone" => _destination.Phone == PhoneStyle.DigitsOnly ? Phones.ToDigits(text, country, DefaultPhoneRegion) : Phones.ToE164(text, country, DefaultPhoneRegion),
            "idfa" or "aaid" when _destination.Hashing == IdentifierHashing.Sha256 => text.ToLowerInvariant(),
            "birthdate" when meta && value is DateOnly or DateTime => Year(value),
            "gender" when meta => text.ToLowerInvariant() is "f" or "m" ? text.ToLowerInvariant() : null,
            "given_name" or "surname" or "city" when meta => LettersOnly(text),
            "state" or "country" when meta => text.ToLowerInvariant(),
            "postal_code" when meta => text.ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal),
            _ => text,
        };
    }

    private static string Year(object? value) => value switch
    {
        DateOnly date => date.Year.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.Year.ToString(CultureInfo.InvariantCulture),
        _ => "",
    };

    // Meta: lower case, no spaces or punctuation, any script.
    private static string? LettersOnly(string text)
    {
        var letters = new string(text.ToLowerInvariant().Where(char.IsLetter).ToArray());
        return letters.Length == 0 ? null : letters;
    }
}
