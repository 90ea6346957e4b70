using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport.SshNet.Config;

/// <summary>One directive of an ssh_config file: its keyword (lowercase), its arguments (quotes removed) and where it is.</summary>
/// <param name="Keyword">The keyword in lowercase (ssh's keywords are case-insensitive).</param>
/// <param name="Written">The keyword as written, for messages.</param>
/// <param name="Arguments">The arguments, split at white space outside double quotes.</param>
/// <param name="Location">The file and line.</param>
internal sealed record SshConfigLine(string Keyword, string Written, IReadOnlyList<string> Arguments, SourceLocation Location);
