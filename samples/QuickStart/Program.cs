using Microsoft.Extensions.Hosting;
using QuickStart;

// Uses the account in CLOUDINARY_URL (or Cloudinary:* configuration); with nothing set, a local emulator.
var builder = Host.CreateApplicationBuilder(args);
return await QuickStartApp.RunAsync(builder, Console.Out, CancellationToken.None).ConfigureAwait(false);
