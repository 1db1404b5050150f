using Microsoft.Extensions.Configuration;

namespace SecureCloudinary.Cli.Configuration;

/// <summary>Finds which file, if any, supplied the value a configuration key has.</summary>
internal static class ConfigurationFileOrigin
{
    /// <summary>The full path of the JSON file whose value of <paramref name="key"/> wins, or null when it comes from elsewhere.</summary>
    /// <param name="root">The configuration built by <see cref="CliConfiguration.Build"/>.</param>
    /// <param name="key">A full configuration key, e.g. <c>Cloudinary:ApiBaseAddress</c>.</param>
    /// <returns>The file, or null for environment variables, command-line overrides and unset keys.</returns>
    public static string? Find(IConfigurationRoot root, string key)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(key);
        foreach (var provider in root.Providers.Reverse())
        {
            if (!provider.TryGet(key, out _))
            {
                continue;
            }

            if (provider is FileConfigurationProvider file)
            {
                var path = file.Source.Path ?? "appsettings.json";
                return file.Source.FileProvider?.GetFileInfo(path).PhysicalPath ?? path;
            }

            return null;
        }

        return null;
    }
}
