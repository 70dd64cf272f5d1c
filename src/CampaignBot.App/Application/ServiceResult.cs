using CampaignBot.Core.Validation;

namespace CampaignBot.App.Application;

/// <summary>
/// What an application service returns: the value, or exactly why not, in a form every front end maps
/// directly (ProblemDetails status, a chat message). Nothing was changed unless the result is <see cref="Ok"/>.
/// </summary>
public abstract record ServiceResult<T>
{
    private ServiceResult()
    {
    }

    public sealed record Ok(T Value) : ServiceResult<T>;

    /// <summary>The input has problems (each with a path and a sentence); fix them and try again.</summary>
    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : ServiceResult<T>;

    public sealed record NotFound(string Message) : ServiceResult<T>;

    /// <summary>The person may not do this (role, four-eyes).</summary>
    public sealed record Forbidden(string Message) : ServiceResult<T>;

    /// <summary>The state does not allow it (the lifecycle refuses the move, the name is taken).</summary>
    public sealed record Conflict(string Message) : ServiceResult<T>;

    /// <summary>The caller's copy is out of date: someone saved a newer version since it was read.</summary>
    public sealed record Stale(string Message) : ServiceResult<T>;

    public static implicit operator ServiceResult<T>(T value) => new Ok(value);

    public bool IsOk => this is Ok;

    /// <summary>The value; for callers that have already handled every failure (and tests).</summary>
    public T Unwrap() => this is Ok ok ? ok.Value : throw new InvalidOperationException($"The result is {GetType().Name}: {Describe()}");

    /// <summary>Turns the value, if there is one, into another; a failure carries over unchanged.</summary>
    public ServiceResult<TOut> Select<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return this switch
        {
            Ok ok => new ServiceResult<TOut>.Ok(map(ok.Value)),
            Invalid invalid => new ServiceResult<TOut>.Invalid(invalid.Problems),
            NotFound notFound => new ServiceResult<TOut>.NotFound(notFound.Message),
            Forbidden forbidden => new ServiceResult<TOut>.Forbidden(forbidden.Message),
            Conflict conflict => new ServiceResult<TOut>.Conflict(conflict.Message),
            Stale stale => new ServiceResult<TOut>.Stale(stale.Message),
            _ => throw new InvalidOperationException($"Unknown result {GetType().Name}."),
        };
    }

    public string Describe() => this switch
    {
        Ok => "ok",
        Invalid invalid => string.Join(" ", invalid.Problems.Where(p => p.IsError).Select(p => $"{p.Path}: {p.Message}")),
        NotFound notFound => notFound.Message,
        Forbidden forbidden => forbidden.Message,
        Conflict conflict => conflict.Message,
        Stale stale => stale.Message,
        _ => GetType().Name,
    };
}

/// <summary>Who is asking, and through which channel ("api", "slack", "teams", "chat").</summary>
public sealed record Actor(CampaignBot.Core.People.Person Person, string Channel);
