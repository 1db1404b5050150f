using System.Runtime.CompilerServices;

namespace SecureCloudinary.Internal;

/// <summary>
/// Room on the stack for the parameters of a typical request, so <see cref="CloudinarySigner"/> can sign a small
/// dictionary without renting (and clearing) a pooled array.
/// </summary>
[InlineArray(Length)]
internal struct StackParameterBuffer
{
    /// <summary>How many parameters fit.</summary>
    public const int Length = 16;

    private KeyValuePair<string, string?> _element;
}
