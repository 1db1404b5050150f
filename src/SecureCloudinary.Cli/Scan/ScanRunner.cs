using System.Collections.Concurrent;
using System.Diagnostics;

namespace SecureCloudinary.Cli.Scan;

/// <summary>Runs a scan in the mode the settings ask for and applies baseline, confidence filter and verification.</summary>
internal static class ScanRunner
{
    /// <summary>Runs the scan.</summary>
    /// <param name="context">Working folder and the test hook for <c>--verify</c>.</param>
    /// <param name="settings">The parsed command line.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ScanUsageException">Bad path, not a repository, unreadable baseline.</exception>
    public static async Task<ScanReport> RunAsync(CliContext context, ScanSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var root = Path.GetFullPath(Path.Combine(context.WorkingDirectory, settings.Path));
        var baseline = settings.BaselinePath is null || settings.WriteBaselinePath is not null ? null : Baseline.Load(Path.Combine(context.WorkingDirectory, settings.BaselinePath));
        var stopwatch = Stopwatch.StartNew();
        ScanReport report;
        List<Finding> findings;
        if (settings.Staged || settings.History)
        {
            if (!Directory.Exists(root))
            {
                throw new ScanUsageException($"'{settings.Path}' is not a folder.");
            }

            var workTree = await GitRunner.FindWorkTreeAsync(root, cancellationToken).ConfigureAwait(false)
                ?? throw new ScanUsageException($"'{settings.Path}' is not inside a git work tree; --staged and --history need one.");
            report = new ScanReport { Mode = settings.Staged ? "staged" : "history" };
            findings = settings.Staged
                ? await ScanStagedAsync(workTree, settings, report, cancellationToken).ConfigureAwait(false)
                : await HistoryScanner.ScanAsync(workTree, settings.Verify, settings.MaxFileBytes, report, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            report = new ScanReport();
            findings = await ScanPathAsync(root, settings, report, cancellationToken).ConfigureAwait(false);
        }

        foreach (var finding in findings
            .OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Commit, StringComparer.Ordinal)
            .ThenBy(f => f.Line).ThenBy(f => f.Column))
        {
            if (finding.Confidence < settings.MinimumConfidence)
            {
                report.BelowMinimumConfidence++;
            }
            else if (baseline?.Contains(finding.Fingerprint) == true)
            {
                report.Baselined++;
            }
            else
            {
                report.Findings.Add(finding);
            }
        }

        if (settings.Verify)
        {
            await LeakVerifier.VerifyAsync(report.Findings, context.ScanVerifyApiBaseAddress, cancellationToken).ConfigureAwait(false);
        }

        report.Elapsed = stopwatch.Elapsed;
        return report;
    }

    /// <summary>
    /// Fills in the cloud name and API key of a secret from the nearest <c>cloud_name</c>/<c>api_key</c> literals of
    /// the same file, when the match itself has none.
    /// </summary>
    /// <param name="match">The match.</param>
    /// <param name="line">Its line.</param>
    /// <param name="context">The file's context values, or null.</param>
    /// <returns>The candidate credentials.</returns>
    public static CandidateCredentials Complete(LineMatch match, int line, List<ContextValue>? context)
    {
        ArgumentNullException.ThrowIfNull(match);
        var cloud = match.CloudName ?? Nearest(context, isApiKey: false, line);
        var key = match.ApiKey ?? Nearest(context, isApiKey: true, line);
        return new CandidateCredentials(cloud, key, match.Secret);

        static string? Nearest(List<ContextValue>? values, bool isApiKey, int line) =>
            values?.Where(v => v.IsApiKey == isApiKey).OrderBy(v => Math.Abs(v.Line - line)).Select(v => v.Value).FirstOrDefault();
    }

    private static async Task<List<Finding>> ScanPathAsync(string root, ScanSettings settings, ScanReport report, CancellationToken cancellationToken)
    {
        List<string> files;
        string displayRoot;
        if (File.Exists(root))
        {
            displayRoot = Path.GetDirectoryName(root)!;
            files = [Path.GetFileName(root)];
        }
        else if (Directory.Exists(root))
        {
            displayRoot = root;
            files = await FileEnumerator.ListAsync(root, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ScanUsageException($"'{settings.Path}' does not exist.");
        }

        var scanner = new ContentScanner(settings.MaxFileBytes, settings.Verify);
        var checkedFolders = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        return await ScanAllAsync(files, settings.Parallelism, report, relative =>
        {
            var full = Path.Combine(displayRoot, relative);
            try
            {
                // lstat, not stat: a link is never followed (it may lead out of the tree) and only a regular file is
                // opened (opening a FIFO blocks until someone writes to it).
                switch (FileProbe.HasLinkedFolder(displayRoot, relative, checkedFolders) ? FileKind.Link : FileProbe.Probe(full))
                {
                    case FileKind.Missing or FileKind.Directory:
                        return null; // deleted since git listed it, or a submodule folder
                    case FileKind.Link:
                        return new ContentScanResult { Skipped = SkipReason.Link };
                    case FileKind.Special:
                        return new ContentScanResult { Skipped = SkipReason.SpecialFile };
                }

                var length = new FileInfo(full).Length;
                if (length > settings.MaxFileBytes)
                {
                    return new ContentScanResult { Skipped = SkipReason.TooLarge };
                }

                if (length == 0)
                {
                    return new ContentScanResult(); // nothing to read (and never open what might not be a file after all)
                }

                using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
                return scanner.Scan(stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new ContentScanResult { Skipped = SkipReason.Unreadable };
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Finding>> ScanStagedAsync(string workTree, ScanSettings settings, ScanReport report, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await GitRunner.RunAsync(
            workTree, cancellationToken, "diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR", "--no-renames", "--no-ext-diff", "--no-textconv").ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new ScanUsageException($"git diff --cached failed in '{workTree}' (exit {exitCode}).");
        }

        var files = output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList();
        var scanner = new ContentScanner(settings.MaxFileBytes, settings.Verify);
        return await ScanAllAsync(files, settings.Parallelism, report, relative =>
        {
            // ":path" is the staged blob; "./" would make it relative to the working directory, which is the top.
            using var process = GitRunner.Start(workTree, "cat-file", "blob", ":" + relative);
            var result = scanner.Scan(process.StandardOutput.BaseStream);
            if (result.Skipped is not null)
            {
                process.Kill();
            }
            else
            {
                process.StandardOutput.BaseStream.CopyTo(Stream.Null);
            }

            process.WaitForExit();
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<Finding>> ScanAllAsync(
        List<string> files, int parallelism, ScanReport report, Func<string, ContentScanResult?> scanOne, CancellationToken cancellationToken)
    {
        var results = new ConcurrentBag<(string Path, ContentScanResult Result)>();
        await Parallel.ForEachAsync(
            files,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            (relative, _) =>
            {
                if (scanOne(relative) is { } result)
                {
                    results.Add((relative, result));
                }

                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);

        var findings = new List<Finding>();
        foreach (var (path, result) in results)
        {
            report.Count(result);
            foreach (var (line, match) in result.Matches)
            {
                findings.Add(new Finding(path, line, match, commit: null) { Candidate = Complete(match, line, result.Context) });
            }
        }

        return findings;
    }
}
