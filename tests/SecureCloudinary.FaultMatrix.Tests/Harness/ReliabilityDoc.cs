using System.Globalization;
using System.Text;
using SecureCloudinary.FaultMatrix.Tests.Rigs;

namespace SecureCloudinary.FaultMatrix.Tests.Harness;

/// <summary>Renders the fault-matrix section of <c>docs/reliability.md</c> from the pinned <see cref="MatrixExpectations"/>.</summary>
internal static class ReliabilityDoc
{
    /// <summary>The section's name: <c>&lt;!-- fault-matrix:begin --&gt;</c> … <c>&lt;!-- fault-matrix:end --&gt;</c>.</summary>
    public const string Section = "fault-matrix";

    public static string Render() => Render(MatrixFixture.Rigs.Select(create => create()).ToList());

    public static string Render(IReadOnlyList<SourceRig> rigs)
    {
        var rows = rigs.Count * MatrixFaults.All.Count;
        var applicable = rigs.Sum(r => MatrixFaults.All.Count(r.Supports));
        var text = new StringBuilder();
        text.Append("## Fault matrix\n\n");
        text.Append(
            string.Create(CultureInfo.InvariantCulture, $"Pinned in `tests/SecureCloudinary.FaultMatrix.Tests` (`MatrixExpectations`; {rows} rows = {rigs.Count} sources × {MatrixFaults.All.Count} faults, ")
            + string.Create(CultureInfo.InvariantCulture, $"{applicable} applicable; {rows * 3} cells): every cell asserts the reason, the transient flag and the setting shown here, ")
            + "and a docs test checks that this section is the table the cells assert. Every cell goes through "
            + "`AddSecureCloudinary` from configuration with `Cloudinary:RefreshInterval = 00:01:00` and `Cloudinary:MaxStaleness = 01:00:00`, "
            + "the `AddHealthChecks().AddSecureCloudinary()` check, a `FakeTimeProvider` driving refreshes, and the store's emulator "
            + "(behind a loopback TCP gate for \"connection refused\").\n\n");
        text.Append("- **Cold start**: the fault is present before the first read. Documented: `CloudinaryCredentialException` "
            + "(reason, transient flag) whose message names a setting; health Unhealthy.\n");
        text.Append("- **Warm refresh**: credentials were loaded, then the fault appears and the scheduled refresh runs and fails "
            + "(reason, transient flag). Documented: the last good key keeps being served; health Degraded.\n");
        text.Append("- **Recovery**: the fault is cleared. Cold: the failure is remembered for its backoff (≤ 1 s transient, ≤ 10 s otherwise; calls inside it get the failure without a store read), then the next call loads the credentials. Warm: the backoff retry "
            + "(simulated time) succeeds; health Healthy. Every recovery also pings the Cloudinary emulator with the loaded key.\n");
        text.Append("- \"absorbed\": the library hides the fault (re-login to the store, or Cloudinary's 401 forcing a refresh "
            + "and one retry). \"n/a\": the source has no network.\n");
        text.Append("- One rule for every store: an answer the store should not have sent (5xx, 429, no answer, a stalled or truncated "
            + "body, a body over the size cap, an HTML page) is `Unavailable` and transient — the store's or a proxy's problem; "
            + "a well-formed answer whose secret has the wrong shape is `InvalidSecret`, not transient.\n");
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"- The 429 row tests that throttling is reported like the other store faults; it does not test that `Retry-After` is honoured. "
            + $"The timeout and stall rows use a {MatrixTimeouts.Short.TotalSeconds:0} s store timeout and no store retries (the only real-time waits).\n"));
        text.Append("- No cell let a secret (API secret, store token, AppRole secret id, Conjur API key) reach a log record, an "
            + "exception or a health report, and none hung (each wait is bounded).\n\n");
        text.Append("| source | fault | injected as | cold start | warm refresh | recovery |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var rig in rigs)
        {
            foreach (var fault in MatrixFaults.All)
            {
                var cold = MatrixExpectations.For(rig.Source, fault, warm: false);
                var warm = MatrixExpectations.For(rig.Source, fault, warm: true);
                var injected = cold.Outcome == Outcome.NotApplicable ? "—" : rig.Describe(fault, warm: false);
                text.Append(CultureInfo.InvariantCulture,
                    $"| {rig.Source} | {MatrixFaults.Label(fault)} | {injected} | {Cold(cold, fault)} | {Warm(warm, fault)} | {Recovery(cold, warm)} |\n");
            }
        }

        return text.ToString();
    }

    private static string Transient(PhaseExpectation e) => e.Transient ? "transient" : "not transient";

    private static string Cold(PhaseExpectation e, MatrixFault fault) => e.Outcome switch
    {
        Outcome.NotApplicable => "n/a",
        Outcome.TypedError => $"`{e.Reason}` ({Transient(e)}), names `{e.Setting}`; Unhealthy",
        _ => fault == MatrixFault.CloudinaryKeyRotated ? "absorbed: key B loaded, calls succeed; Healthy" : "absorbed: key A loaded; Healthy",
    };

    private static string Warm(PhaseExpectation e, MatrixFault fault) => e.Outcome switch
    {
        Outcome.NotApplicable => "n/a",
        Outcome.StaleDegraded => $"stale key A served; Degraded (`{e.Reason}`, {Transient(e)})",
        _ => fault == MatrixFault.CloudinaryKeyRotated ? "absorbed: 401 → forced refresh → key B, call retried once; Healthy" : "absorbed: fresh read; Healthy",
    };

    private static string Recovery(PhaseExpectation cold, PhaseExpectation warm)
    {
        if (cold.Outcome == Outcome.NotApplicable)
        {
            return "n/a";
        }

        var c = cold.Outcome == Outcome.Absorbed ? "no outage" : "first call after the backoff loads; Healthy";
        var w = warm.Outcome == Outcome.Absorbed
            ? "no outage"
            : string.Create(CultureInfo.InvariantCulture, $"backoff retry ≤ {MatrixExpectations.WarmRecoveryBound(warm).TotalSeconds:0} s later; Healthy");
        return c == w ? c : $"cold: {c}; warm: {w}";
    }
}
