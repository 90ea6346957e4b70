using FooBar.Provision.Cli.Commands;

namespace FooBar.Provision.Cli.Rendering;

/// <summary>Chooses how a run is shown: JSON, live terminal, or plain lines.</summary>
internal static class Views
{
    /// <summary>The view for <paramref name="settings"/>; <paramref name="verb"/> is <c>plan</c> or <c>apply</c>.</summary>
    public static IRunView Create(RunSettings settings, CliServices services, TextWriter stdout, IReadOnlyList<string> hosts, string verb)
    {
        if (settings.Output == OutputFormat.Json)
        {
            return new JsonView(stdout, verb);
        }

        var color = UseColor(settings, services);
        var listing = new ListingWriter(stdout, ListingWriter.HostWidth(hosts), color ? new Ansi(true) : Ansi.None) { ShowDurations = settings.Verbosity > 0 };

        // The -v log goes to stderr while the run goes; a live display on the same terminal would garble it.
        return color && settings.Verbosity == 0 ? new LiveView(stdout, hosts, listing, verb, TerminalWidth()) : new PlainView(listing, verb);
    }

    /// <summary>The width of the terminal standard output is on, or 80 when it cannot be read.</summary>
    public static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth is var width and > 0 ? width : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    /// <summary>Colours and live progress: stdout is a terminal, NO_COLOR is unset or empty, TERM is not dumb, no --no-color.</summary>
    public static bool UseColor(RunSettings settings, CliServices services) =>
        !settings.NoColor
        && services.StdoutIsTerminal()
        && string.IsNullOrEmpty(services.Environment("NO_COLOR"))
        && services.Environment("TERM") != "dumb";
}
