namespace FooBar.Provision.Cli;

/// <summary>Where a command writes and what it may use: handed to every verb when the command line is built.</summary>
/// <param name="Stdout">Standard output: the listing, the recap, the JSON document.</param>
/// <param name="Stderr">Standard error: errors, hints and the <c>-v</c> command log.</param>
/// <param name="Services">The outside world.</param>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr, CliServices Services);
