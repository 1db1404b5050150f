using AotQuickStart;
using Microsoft.Extensions.Hosting;

// Credentials from configuration: Cloudinary__Source=Configuration and Cloudinary__Url=cloudinary://KEY:SECRET@CLOUD
// (environment variables, appsettings.json or the command line); Cloudinary__ApiBaseAddress points at another API host.
var builder = Host.CreateApplicationBuilder(args);
return await AotQuickStartApp.RunAsync(builder, Console.Out, CancellationToken.None).ConfigureAwait(false);
