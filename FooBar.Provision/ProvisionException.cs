namespace FooBar.Provision;

/// <summary>The base of every exception FooBar.Provision throws on purpose.</summary>
/// <remarks>The message says what failed and where; <see cref="Hint"/> says what to do about it.</remarks>
public class ProvisionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisionException(string message, string? hint = null, Exception? inner = null)
        : base(message, inner) => Hint = hint;

    /// <summary>What the user can do to fix it, when known.</summary>
    public string? Hint { get; }
}
