using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Internal;

/// <summary>Writes every entry of an inner logger inside the <see cref="AccountLogScope"/> of a named account.</summary>
internal class AccountScopedLogger : ILogger
{
    private readonly ILogger _inner;
    private readonly AccountLogScope _scope;

    public AccountScopedLogger(ILogger inner, string account)
    {
        _inner = inner;
        _scope = new AccountLogScope(account);
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!_inner.IsEnabled(logLevel))
        {
            return;
        }

        using (_inner.BeginScope(_scope))
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
