using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace CampaignBot.Api.Tests.Logging;

/// <summary>
/// A logger provider that keeps everything a log sink could write for each entry: level, category, the formatted
/// message, every structured value, every scope around it (as text and as values) and the exception with its stack.
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder().Append(logLevel).Append(' ').Append(category).Append(": ").AppendLine(formatter(state, exception));
            AppendValues(entry, "value", state);
            owner._scopes.ForEachScope((scope, text) =>
            {
                text.Append("scope: ").AppendLine(scope?.ToString());
                AppendValues(text, "scope value", scope);
            }, entry);
            if (exception is not null)
            {
                entry.AppendLine(exception.ToString());
            }

            owner._entries.Enqueue(entry.ToString());
        }

        private static void AppendValues(StringBuilder entry, string kind, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append(kind).Append(' ').Append(key).Append('=').AppendLine(value is not string and System.Collections.IEnumerable many ? string.Join(", ", many.Cast<object?>()) : value?.ToString());
                }
            }
        }
    }
}
