using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Cli.Configuration;

/// <summary>
/// Builds configuration the way <c>Host.CreateApplicationBuilder</c> does for an app, from the given
/// environment instead of the process's: <c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>,
/// environment variables (<c>Cloudinary__Source</c> → <c>Cloudinary:Source</c>), then command-line overrides.
/// </summary>
internal static class CliConfiguration
{
    /// <summary>Builds the configuration.</summary>
    /// <param name="environment">The environment variables.</param>
    /// <param name="directory">The folder holding <c>appsettings.json</c> (optional files).</param>
    /// <param name="environmentName">
    /// The app environment (Development, Production, ...); when null, <c>DOTNET_ENVIRONMENT</c>, then
    /// <c>ASPNETCORE_ENVIRONMENT</c>, then <c>Production</c>.
    /// </param>
    /// <param name="overrides">Command-line overrides, applied last.</param>
    /// <returns>The configuration root.</returns>
    /// <exception cref="ConfigurationLoadException">A JSON file is malformed; the message names the file and line.</exception>
    public static IConfigurationRoot Build(
        IReadOnlyDictionary<string, string?> environment,
        string directory,
        string? environmentName,
        IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(overrides);
        environmentName ??= ResolveEnvironmentName(environment);
        var fullDirectory = Path.GetFullPath(directory);
        if (!Directory.Exists(fullDirectory))
        {
            throw new ConfigurationLoadException($"The folder '{fullDirectory}' does not exist.");
        }

        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(EnvironmentVariables(environment, "DOTNET_"))
            .SetBasePath(fullDirectory)
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environmentName}.json", optional: true, reloadOnChange: false)
            .AddInMemoryCollection(EnvironmentVariables(environment, prefix: null))
            .AddInMemoryCollection(overrides);
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationLoadException(DescribeJsonError(ex), ex);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationLoadException(DescribeJsonError(ex), ex);
        }
    }

    /// <summary>The app environment name the configuration would use.</summary>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The name, <c>Production</c> by default.</returns>
    public static string ResolveEnvironmentName(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var name in (ReadOnlySpan<string>)["DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT"])
        {
            if (environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return "Production";
    }

    private static IEnumerable<KeyValuePair<string, string?>> EnvironmentVariables(
        IReadOnlyDictionary<string, string?> environment, string? prefix)
    {
        foreach (var (name, value) in environment)
        {
            if (prefix is null)
            {
                yield return new KeyValuePair<string, string?>(name.Replace("__", ":", StringComparison.Ordinal), value);
            }
            else if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length)
            {
                yield return new KeyValuePair<string, string?>(name[prefix.Length..].Replace("__", ":", StringComparison.Ordinal), value);
            }
        }
    }

    private static string DescribeJsonError(Exception ex)
    {
        // The parser's own messages can quote a character of the file, so build ours from positions only;
        // the file provider's message ("Failed to load configuration from file '<path>'.") names just the file.
        var subject = ex is InvalidDataException ? ex.Message + " The file" : "A configuration file";
        for (var inner = (Exception?)ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { LineNumber: { } line })
            {
                return $"{subject} is not valid JSON (line {line + 1}).";
            }
        }

        return $"{subject} could not be read.";
    }
}
