namespace FooBar.Provision.Reporting;

/// <summary>The exit codes of <c>provision</c>.</summary>
public static class ExitCodes
{
    /// <summary>Converged or applied.</summary>
    public const int Success = 0;

    /// <summary>A host failed.</summary>
    public const int HostFailed = 1;

    /// <summary>Plan mode found pending changes.</summary>
    public const int ChangesPending = 2;

    /// <summary>Bad input (inventory, variables, arguments) before any host was contacted.</summary>
    public const int BadInput = 3;

    /// <summary>An unexpected internal error (a bug): a one-line message, and with <c>--output json</c> a document with the error.</summary>
    public const int InternalError = 70;
}
