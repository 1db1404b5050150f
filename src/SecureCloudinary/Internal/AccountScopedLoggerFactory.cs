using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Internal;

/// <summary>Creates loggers that write inside the <see cref="AccountLogScope"/> of a named account (for backends that take a factory).</summary>
internal sealed class AccountScopedLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;
    private readonly string _account;

    public AccountScopedLoggerFactory(ILoggerFactory inner, string account)
    {
        _inner = inner;
        _account = account;
    }

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public ILogger CreateLogger(string categoryName) => new AccountScopedLogger(_inner.CreateLogger(categoryName), _account);

    /// <summary>Does not dispose the application's factory.</summary>
    public void Dispose()
    {
    }
}
