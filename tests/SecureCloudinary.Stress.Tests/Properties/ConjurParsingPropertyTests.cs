using System.Net;
using System.Text;
using CsCheck;
using SecureCloudinary.Conjur;

namespace SecureCloudinary.Stress.Tests.Properties;

/// <summary>
/// What Conjur sends back reaches the public <see cref="ConjurCredentialSource.GetCredentialsAsync"/>: an access
/// token, one variable's value, or a batch of values. On arbitrary bodies it returns credentials or throws
/// <see cref="CloudinaryCredentialException"/>, never quoting the body.
/// </summary>
public sealed class ConjurParsingPropertyTests
{
    private static readonly string ValidToken =
        "{\"protected\":\"e30=\",\"payload\":\"" + Convert.ToBase64String("{\"sub\":\"host/apps/web\",\"iat\":1000,\"exp\":4102444800}"u8.ToArray())
        + "\",\"signature\":\"c2ln\"}";

    private static readonly Gen<byte[]> AnyBody = Gen.OneOf(
        Gen.Byte.Array[0, 64],
        PropertyGens.WithSentinel.Select(Encoding.UTF8.GetBytes),
        PropertyGens.JsonValue.Select(Encoding.UTF8.GetBytes),
        PropertyGens.JsonObject.Select(Encoding.UTF8.GetBytes),
        PropertyGens.JsonObject.Select(j => Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(j)))));

    [Fact]
    public void GetCredentialsAsync_ArbitraryVariableValue_ReturnsOrThrowsOnlyCredentialExceptionWithoutTheValue() =>
        AnyBody.Sample(body => AssertCleanOutcome(Token(), Respond(body), batch: false), iter: 1_500);

    [Fact]
    public void GetCredentialsAsync_ArbitraryBatchBody_ReturnsOrThrowsOnlyCredentialExceptionWithoutTheBody() =>
        AnyBody.Sample(body => AssertCleanOutcome(Token(), Respond(body), batch: true), iter: 1_500);

    [Fact]
    public void GetCredentialsAsync_ArbitraryTokenBody_ThrowsOnlyCredentialExceptionWithoutTheBody() =>
        AnyBody.Sample(body => AssertCleanOutcome(() => Respond(body)(), Respond("cloudinary://1:s@c"u8.ToArray()), batch: false), iter: 1_500);

    private static Func<HttpResponseMessage> Token() => Respond(Encoding.UTF8.GetBytes(ValidToken));

    private static Func<HttpResponseMessage> Respond(byte[] body) =>
        () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };

    private static void AssertCleanOutcome(Func<HttpResponseMessage> token, Func<HttpResponseMessage> secrets, bool batch)
    {
        using var http = new HttpClient(new StubHttpHandler(r => r.Method == HttpMethod.Post ? token() : secrets()));
        var options = new ConjurCredentialSourceOptions
        {
            ApplianceUrl = new Uri("https://conjur.example.com"),
            Account = "myorg",
            Login = "host/apps/web",
            ApiKey = "not-a-real-api-key",
            MaxRetries = 0,
        };
        if (batch)
        {
            options.Variables = new ConjurVariableIds { CloudName = "apps/cloud", ApiKey = "apps/key", ApiSecret = "apps/secret" };
        }
        else
        {
            options.Variable = "apps/url";
        }

        using var source = new ConjurCredentialSource(http, options);
        try
        {
            var snapshot = source.GetCredentialsAsync(TestContext.Current.CancellationToken).AsTask().GetAwaiter().GetResult();
            // The cloud name is shown on purpose and may itself hold the sentinel; nothing else may.
            var shown = snapshot.ToString().Replace(snapshot.Credentials.CloudName, "<cloud>", StringComparison.Ordinal);
            Assert.DoesNotContain(PropertyGens.Sentinel, shown, StringComparison.Ordinal);
        }
        catch (CloudinaryCredentialException e)
        {
            Assert.Equal(ConjurCredentialSource.SourceName, e.SourceName);
            Assert.DoesNotContain(PropertyGens.Sentinel, e.ToString(), StringComparison.Ordinal);
        }
    }
}
