namespace SecureCloudinary.AwsSecretsManager.Tests;

/// <summary>
/// Issue 12 item 5: EKS IRSA (<c>AWS_WEB_IDENTITY_TOKEN_FILE</c> + <c>AWS_ROLE_ARN</c>) works with no extra package,
/// end to end through the SDK's default chain against the emulator's STS endpoint.
/// </summary>
[Collection(nameof(SerialProcessEnvironment))]
public sealed class WebIdentityTests : EmulatorTestBase
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/cloudinary-reader";
    private const string OidcToken = "eyJhbGciOiJSUzI1NiJ9.emulated-service-account-token.sig";

    [Fact]
    public async Task GetCredentials_IrsaEnvironment_AssumesTheRoleAtStsAndSignsWithTheIssuedCredentials()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.EnableWebIdentity(RoleArn, OidcToken);
        using var home = new AwsEnvironmentKit();
        var tokenFile = home.Write("token", OidcToken);
        using var env = Irsa(home, tokenFile);

        var snapshot = await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        var issued = Assert.Single(Emulator.IssuedAccessKeyIds);
        Assert.Equal(["AssumeRoleWithWebIdentity", "GetSecretValue"], Emulator.Requests.Select(r => r.Operation));
        Assert.Equal(issued, Emulator.Requests[1].AccessKeyId);
        Assert.Contains("x-amz-security-token", Emulator.Requests[1].SignedHeaders);
    }

    [Fact]
    public async Task GetCredentials_StsRejectsTheToken_ThrowsCredentialExceptionNamingTheIrsaVariables()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.EnableWebIdentity(RoleArn, "another-token");
        using var home = new AwsEnvironmentKit();
        var tokenFile = home.Write("token", OidcToken);
        using var env = Irsa(home, tokenFile);

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct));

        Assert.Equal(CredentialFailureReason.AccessDenied, e.Reason);
        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", e.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ROLE_ARN", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OidcToken, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Emulator.Requests, r => r.Operation == "GetSecretValue");
    }

    [Fact]
    public async Task GetCredentials_TokenFileMissing_ThrowsCredentialExceptionNamingTheVariable()
    {
        using var home = new AwsEnvironmentKit();
        using var env = Irsa(home, Path.Combine(home.Home, "no-such-token"));

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await new AwsSecretsManagerCredentialSource(AwsTestKit.Options(Emulator, "s"), AwsTestKit.Http).GetCredentialsAsync(Ct));

        Assert.Contains("AWS_WEB_IDENTITY_TOKEN_FILE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCredentials_RoleArnSourceProfile_AssumesTheRoleWithTheSourceKeys()
    {
        Emulator.CreateSecret("s", AwsTestKit.Json(Alpha));
        Emulator.EnableAssumeRole(RoleArn);
        using var home = new AwsEnvironmentKit();
        var credentialsFile = home.Write("aws/credentials", $"""
            [base]
            aws_access_key_id = {Emulator.AccessKeyId}
            aws_secret_access_key = {Emulator.SecretAccessKey}

            [reader]
            role_arn = {RoleArn}
            source_profile = base
            """);
        using var env = Isolated(home);

        var options = AwsTestKit.Options(Emulator, "s");
        options.Profile = "reader";
        options.ProfilesLocation = credentialsFile;
        var snapshot = await new AwsSecretsManagerCredentialSource(options, AwsTestKit.Http).GetCredentialsAsync(Ct);

        Assert.Equal(Alpha, snapshot.Credentials);
        Assert.Equal(["AssumeRole", "GetSecretValue"], Emulator.Requests.Select(r => r.Operation));
        Assert.Equal(Assert.Single(Emulator.IssuedAccessKeyIds), Emulator.Requests[1].AccessKeyId);
    }

    [Fact]
    public async Task GetCredentials_SsoProfileWithoutALogin_ThrowsCredentialExceptionNamingSsoLoginNotAMissingAssembly()
    {
        using var home = new AwsEnvironmentKit();
        var credentialsFile = home.Write("aws/credentials", string.Empty);
        home.Write("aws/config", """
            [profile sso-dev]
            sso_start_url = https://example.awsapps.com/start
            sso_region = us-east-1
            sso_account_id = 123456789012
            sso_role_name = CloudinaryReader
            region = us-east-1
            """);
        using var env = Isolated(home);
        var options = AwsTestKit.Options(Emulator, "s");
        options.Profile = "sso-dev";
        options.ProfilesLocation = credentialsFile;

        var e = await Assert.ThrowsAsync<CloudinaryCredentialException>(async () =>
            await new AwsSecretsManagerCredentialSource(options, AwsTestKit.Http).GetCredentialsAsync(Ct));

        Assert.Contains("aws sso login", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be found or loaded", e.ToString(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    private ProcessEnvironment Isolated(AwsEnvironmentKit home) => new(
        ("HOME", home.Home),
        ("AWS_ENDPOINT_URL_STS", Emulator.BaseAddress.ToString()),
        ("AWS_ENDPOINT_URL_SSO", "http://127.0.0.1:1/"),
        ("AWS_REGION", Emulator.Region),
        ("AWS_ACCESS_KEY_ID", null),
        ("AWS_SECRET_ACCESS_KEY", null),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", null),
        ("AWS_ROLE_ARN", null),
        ("AWS_PROFILE", null),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", null),
        ("AWS_SHARED_CREDENTIALS_FILE", null));

    private ProcessEnvironment Irsa(AwsEnvironmentKit home, string tokenFile) => new(
        ("AWS_WEB_IDENTITY_TOKEN_FILE", tokenFile),
        ("AWS_ROLE_ARN", RoleArn),
        ("AWS_ROLE_SESSION_NAME", "secure-cloudinary-test"),
        ("AWS_ENDPOINT_URL_STS", Emulator.BaseAddress.ToString()),
        ("AWS_REGION", Emulator.Region),
        ("AWS_ACCESS_KEY_ID", null),
        ("AWS_SECRET_ACCESS_KEY", null),
        ("AWS_SESSION_TOKEN", null),
        ("AWS_PROFILE", null),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", Path.Combine(home.Home, ".aws", "config")),
        ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(home.Home, ".aws", "credentials")));
}
