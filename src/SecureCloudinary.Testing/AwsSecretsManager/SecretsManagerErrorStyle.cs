namespace SecureCloudinary.Testing.AwsSecretsManager;

/// <summary>How the emulator shapes error responses: every variant a client must accept (Smithy awsJson rules).</summary>
public enum SecretsManagerErrorStyle
{
    /// <summary><c>{"__type":"ResourceNotFoundException","Message":"..."}</c>, as Secrets Manager answers.</summary>
    Standard = 0,

    /// <summary>Lower-case <c>message</c>, as the AWS front end answers authentication errors.</summary>
    LowercaseMessage = 1,

    /// <summary><c>__type</c> as a full shape id with a URI suffix: <c>com.amazonaws.secretsmanager#Code:http://internal...</c>.</summary>
    NamespacedType = 2,

    /// <summary>No <c>__type</c> in the body; the code is only in the <c>X-Amzn-ErrorType</c> header.</summary>
    HeaderOnly = 3,
}
