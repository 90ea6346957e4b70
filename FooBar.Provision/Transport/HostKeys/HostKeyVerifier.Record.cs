namespace FooBar.Provision.Transport.HostKeys;

/// <summary><c>accept-new</c>: an unknown host's key is recorded before it is trusted.</summary>
internal sealed partial class HostKeyVerifier
{
    private HostKeyDecision Record(HostKeyDecision unknown)
    {
        var path = _files.RecordIn;
        var why = KnownHostsCheck.Why(path, userDefault: _host.KnownHostsFile is null);
        if (unknown.Key is not { } presented || why is not null)
        {
            return unknown with { Verdict = HostKeyVerdict.Unrecordable, Reason = why };
        }

        var key = presented.Plain;
        HostKeyDecision? meanwhile = null;
        var problem = KnownHostsRecorder.AppendIf(path, $"{LookupName} {key.Type} {key.Base64}", text =>
        {
            // Another connection may have recorded this host since the look-up: decide again on the file as it is now.
            meanwhile = Decide(presented, _host.Port, quiet: false, withoutPort: false, (path, text));
            return meanwhile.Verdict == HostKeyVerdict.Unknown;
        });
        if (problem is not null)
        {
            return unknown with { Verdict = HostKeyVerdict.Unrecordable, Reason = problem };
        }

        return meanwhile is { Verdict: not HostKeyVerdict.Unknown } decided
            ? decided
            : new HostKeyDecision(HostKeyVerdict.Recorded, _files, presented, KnownHostsParser.ParseLine(path, 0, $"{LookupName} {key.Type} {key.Base64}"));
    }
}
