using System.Diagnostics;
using System.Text;

namespace SecureCloudinary.Processes;

/// <summary>Runs a child process with an explicit environment and a deadline.</summary>
internal static class ProcessRunner
{
    /// <summary>Variables of the test host that must not leak into a child process (dotnet, the sample, the CLI under test).</summary>
    private static readonly string[] InheritedPrefixesToDrop =
        ["MSBUILD", "MSBuild", "VSTEST", "TESTINGPLATFORM", "CLOUDINARY", "Cloudinary__", "VAULT_", "CONJUR_", "AWS_"];

    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var key in startInfo.Environment.Keys.ToList())
        {
            if (InheritedPrefixesToDrop.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                startInfo.Environment.Remove(key);
            }
        }

        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var command = $"{Path.GetFileName(fileName)} {string.Join(' ', startInfo.ArgumentList)}";
        using var process = new Process { StartInfo = startInfo };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"`{command}` did not finish within {timeout}.");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new ProcessResult(command, process.ExitCode, Locked(output), Locked(error));
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Locked(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
