using SecureCloudinary.Cli;

return await CliApplication.RunAsync(args, CliContext.FromProcess()).ConfigureAwait(false);
