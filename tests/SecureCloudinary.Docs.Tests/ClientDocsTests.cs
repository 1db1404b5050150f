using System.Reflection;
using SecureCloudinary.Models;

namespace SecureCloudinary.Docs.Tests;

/// <summary>
/// docs/client.md names every public member of the types an app uses to talk to Cloudinary, each in backticks
/// (<c>`UploadAsync`</c>), so the page cannot fall behind the code.
/// </summary>
public sealed class ClientDocsTests
{
    private const string Page = "docs/client.md";

    public static TheoryData<string> DocumentedTypes => new()
    {
        typeof(CloudinaryClient).FullName!,
        typeof(UploadRequest).FullName!,
        typeof(UploadResult).FullName!,
        typeof(DeliveryUrlOptions).FullName!,
    };

    [Theory]
    [MemberData(nameof(DocumentedTypes))]
    public void EveryPublicMember_IsNamedOnThePage(string typeName)
    {
        var type = typeof(CloudinaryClient).Assembly.GetType(typeName, throwOnError: true)!;
        var page = File.ReadAllText(RepositoryFiles.PathOf(Page));
        var members = PublicMemberNames(type).ToList();
        Assert.NotEmpty(members);

        var missing = members.Where(name => !page.Contains($"`{name}", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, $"{Page} does not name these public members of {type.Name}: {string.Join(", ", missing)}.");
        Assert.Contains($"`{type.Name}`", page, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicMemberNames_SkipsAccessorsAndObjectMembersButKeepsStaticFactories()
    {
        var names = PublicMemberNames(typeof(UploadRequest)).ToList();

        Assert.Contains("FromFile", names);
        Assert.DoesNotContain(names, n => n.StartsWith("get_", StringComparison.Ordinal) || n.StartsWith("set_", StringComparison.Ordinal));
        Assert.DoesNotContain("ToString", names);
        Assert.DoesNotContain("GetHashCode", names);
    }

    /// <summary>
    /// The names of a type's public constructors' type, properties, methods and events that the type declares itself,
    /// without property accessors, compiler-generated record members, or members every object has.
    /// </summary>
    internal static IEnumerable<string> PublicMemberNames(Type type)
    {
        string[] objectMembers = ["ToString", "Equals", "GetHashCode", "GetType", "Deconstruct", "<Clone>$", "PrintMembers", "op_Equality", "op_Inequality", "Dispose", "DisposeAsync"];
        return type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo or EventInfo or FieldInfo || (m is MethodInfo method && !method.IsSpecialName))
            .Select(m => m.Name)
            .Where(name => !objectMembers.Contains(name))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }
}
