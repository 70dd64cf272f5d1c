using System.Globalization;
using CampaignBot.Customers.Import;

namespace CampaignBot.Api.Cli;

/// <summary>
/// Shows an import's progress: on a terminal one line redrawn in place (a bar, the share read, rows, time); when the
/// output goes to a file or a pipe, a plain line at most every <see cref="PlainEvery"/> and one per phase, so logs
/// hold no carriage returns.
/// </summary>
public sealed class ImportProgressBar(TextWriter output, bool terminal, TimeProvider clock) : IProgress<ImportProgress>
{
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);
    private const int Width = 30;

    private readonly Lock _gate = new();
    private readonly long _started = clock.GetTimestamp();
    private DateTimeOffset _lastShown = DateTimeOffset.MinValue;
    private ImportPhase? _phase;
    private bool _barShown;

    public void Report(ImportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var newPhase = value.Phase != _phase;
            if (!newPhase && now - _lastShown < (terminal ? RedrawEvery : PlainEvery))
            {
                return;
            }

            _lastShown = now;
            _phase = value.Phase;
            if (terminal)
            {
                Draw(value, newPhase);
            }
            else if (value.Phase == ImportPhase.Reading)
            {
                output.WriteLine($"Read {value.RowsRead:N0} rows{Share(value.Fraction, " ({0})")} in {Elapsed()}.");
            }
            else
            {
                output.WriteLine($"{Words(value.Phase)} ({value.RowsRead:N0} rows read, {Elapsed()}).");
            }
        }
    }

    /// <summary>Ends the bar's line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_barShown)
            {
                output.WriteLine();
                _barShown = false;
            }
        }
    }

    private void Draw(ImportProgress value, bool newPhase)
    {
        if (newPhase && _barShown && value.Phase != ImportPhase.Reading)
        {
            output.WriteLine();
        }

        var fraction = value.Phase == ImportPhase.Reading ? value.Fraction ?? 0 : 1;
        var filled = (int)Math.Round(fraction * Width);
        var bar = new string('#', filled) + new string('-', Width - filled);
        var text = value.Phase == ImportPhase.Reading
            ? $"[{bar}] {Share(fraction, "{0}"),4}  {value.RowsRead:N0} rows  {Elapsed()}"
            : $"[{bar}] {Words(value.Phase)}  {value.RowsRead:N0} rows  {Elapsed()}";
        output.Write("\r" + text.PadRight(72));
        output.Flush();
        _barShown = true;
    }

    private string Elapsed() => clock.GetElapsedTime(_started).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private static string Share(double? fraction, string format) =>
        fraction is { } f ? string.Format(CultureInfo.InvariantCulture, format, f.ToString("P0", CultureInfo.InvariantCulture).Replace(" ", "", StringComparison.Ordinal)) : "";

    private static string Words(ImportPhase phase) => phase switch
    {
        ImportPhase.Reading => "Reading",
        ImportPhase.Checking => "Checking the whole file (keys listed twice, keys already stored)",
        ImportPhase.Applying => "Making the rows the table's",
        _ => phase.ToString(),
    };
}
