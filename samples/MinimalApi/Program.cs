using MinimalApi;

// Uses the account in CLOUDINARY_URL (or Cloudinary:* configuration); with nothing set, a local emulator.
var builder = WebApplication.CreateBuilder(args);
await using var sample = await MinimalApiApp.CreateAsync(builder, Console.Out, CancellationToken.None).ConfigureAwait(false);
await sample.App.RunAsync().ConfigureAwait(false);
