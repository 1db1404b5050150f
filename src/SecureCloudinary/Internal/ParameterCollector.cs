using System.Buffers;

namespace SecureCloudinary.Internal;

/// <summary>
/// Gathers the signing parameters of any collection into a pooled array; used by <see cref="CloudinarySigner"/>. Entries
/// with an empty value are kept: the signer checks every name, whatever the collection, and skips them itself.
/// </summary>
internal static class ParameterCollector
{
    // Copies the parameters into a pooled array without boxing an enumerator for arrays and lists.
    public static KeyValuePair<string, string?>[] Collect(IEnumerable<KeyValuePair<string, string?>> parameters, out int count)
    {
        var pool = ArrayPool<KeyValuePair<string, string?>>.Shared;
        count = 0;
        switch (parameters)
        {
            case KeyValuePair<string, string?>[] array:
                return Filter(array, pool, out count);
            case List<KeyValuePair<string, string?>> list:
                return Filter(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), pool, out count);
            case ICollection<KeyValuePair<string, string?>> collection:
                // Dictionary and friends copy without allocating an enumerator.
                var copy = pool.Rent(Math.Max(collection.Count, 1));
                collection.CopyTo(copy, 0);
                count = collection.Count;
                return copy;
        }

        var buffer = pool.Rent(parameters.TryGetNonEnumeratedCount(out var known) ? Math.Max(known, 1) : 16);
        foreach (var item in parameters)
        {
            if (count == buffer.Length)
            {
                var larger = pool.Rent(buffer.Length * 2);
                buffer.AsSpan(0, count).CopyTo(larger);
                pool.Return(buffer, clearArray: true);
                buffer = larger;
            }

            buffer[count++] = item;
        }

        return buffer;
    }

    private static KeyValuePair<string, string?>[] Filter(
        ReadOnlySpan<KeyValuePair<string, string?>> items, ArrayPool<KeyValuePair<string, string?>> pool, out int count)
    {
        var buffer = pool.Rent(Math.Max(items.Length, 1));
        count = 0;
        items.CopyTo(buffer);
        count = items.Length;
        return buffer;
    }
}
