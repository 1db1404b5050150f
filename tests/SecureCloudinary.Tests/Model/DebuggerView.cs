using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace SecureCloudinary.Tests.Model;

/// <summary>
/// What a debugger shows when an object is expanded, by reflection: the members of its <see cref="DebuggerTypeProxyAttribute"/>
/// type when it has one, else its fields and properties (public and private) except those marked
/// <c>DebuggerBrowsable(Never)</c> and compiler-generated backing fields; nested objects are expanded the same way.
/// </summary>
public static class DebuggerView
{
    /// <summary>Every string a debugger could show, with its member path.</summary>
    public static List<(string Path, string Value)> VisibleStrings(object root, int depth = 4)
    {
        var found = new List<(string, string)>();
        Walk(root, root.GetType().Name, depth, found, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return found;
    }

    private static void Walk(object value, string path, int depth, List<(string, string)> found, HashSet<object> seen)
    {
        if (value is string s)
        {
            found.Add((path, s));
            return;
        }

        if (depth == 0 || value.GetType().IsPrimitive || value is Enum || value is DateTimeOffset || value is TimeSpan || !seen.Add(value))
        {
            return;
        }

        if (value.GetType().Namespace?.StartsWith("SecureCloudinary", StringComparison.Ordinal) != true
            && value is not System.Collections.IEnumerable)
        {
            // A framework type (Uri, ...): the debugger shows its own display; reflection stays out of its internals.
            found.Add((path, value.ToString() ?? string.Empty));
            return;
        }

        if (value is System.Collections.IEnumerable sequence and not System.Collections.IDictionary)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                if (item is not null)
                {
                    Walk(item, $"{path}[{i++}]", depth - 1, found, seen);
                }
            }

            return;
        }

        var type = value.GetType();
        var proxy = type.GetCustomAttribute<DebuggerTypeProxyAttribute>();
        if (proxy is not null)
        {
            var proxyType = Type.GetType(proxy.ProxyTypeName, throwOnError: true)!;
            value = Activator.CreateInstance(proxyType, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, null, [value], null)!;
            type = proxyType;
        }

        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(flags | BindingFlags.DeclaredOnly))
            {
                if (field.IsDefined(typeof(CompilerGeneratedAttribute)) || Hidden(field))
                {
                    continue;
                }

                if (field.GetValue(value) is { } fieldValue)
                {
                    Walk(fieldValue, path + "." + field.Name, depth - 1, found, seen);
                }
            }

            foreach (var property in t.GetProperties(flags | BindingFlags.DeclaredOnly))
            {
                if (Hidden(property) || property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                {
                    continue;
                }

                object? propertyValue;
                try
                {
                    propertyValue = property.GetValue(value);
                }
                catch (TargetInvocationException)
                {
                    continue;
                }

                if (propertyValue is not null)
                {
                    Walk(propertyValue, path + "." + property.Name, depth - 1, found, seen);
                }
            }
        }
    }

    private static bool Hidden(MemberInfo member) =>
        member.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State == DebuggerBrowsableState.Never;
}
