using Microsoft.Extensions.Logging;

namespace SecureCloudinary.Internal;

/// <summary>The <see cref="ILogger{TCategoryName}"/> form of <see cref="AccountScopedLogger"/>.</summary>
/// <typeparam name="T">The logger's category type.</typeparam>
internal sealed class AccountScopedLogger<T> : AccountScopedLogger, ILogger<T>
{
    public AccountScopedLogger(ILogger inner, string account)
        : base(inner, account)
    {
    }

    /// <summary>The logger of <typeparamref name="T"/> for <paramref name="account"/>: scoped for a named account, as is for the unnamed one.</summary>
    public static ILogger<T>? For(IServiceProvider services, string account)
    {
        var logger = (ILogger<T>?)services.GetService(typeof(ILogger<T>));
        return logger is null || account.Length == 0 ? logger : new AccountScopedLogger<T>(logger, account);
    }
}
