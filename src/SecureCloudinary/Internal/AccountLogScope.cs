using System.Collections;

namespace SecureCloudinary.Internal;

/// <summary>
/// The log scope of a named account: one property, <c>SecureCloudinary.Account</c>, so structured logs of several
/// accounts can be told apart. Prints as <c>Cloudinary account marketing</c>.
/// </summary>
internal sealed class AccountLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The scope property's name.</summary>
    public const string PropertyName = "SecureCloudinary.Account";

    private readonly KeyValuePair<string, object?> _property;

    public AccountLogScope(string account)
    {
        Account = account;
        _property = new(PropertyName, account);
    }

    public string Account { get; }

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? _property : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return _property;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "Cloudinary account " + Account;
}
