using System.Globalization;
using System.Text;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Transport;

/// <summary>Builds the argument vector of one <c>ssh</c> invocation (never a command line string).</summary>
internal static class OpenSshArguments
{
    /// <summary>The arguments that run <paramref name="remoteCommand"/> on <paramref name="host"/>.</summary>
    public static IReadOnlyList<string> ForCommand(HostEntry host, OpenSshOptions options, string controlDirectory, string remoteCommand)
    {
        var arguments = Common(host, options, controlDirectory);
        arguments.Add("-T");
        arguments.Add("--");
        arguments.Add(host.Address);
        arguments.Add(remoteCommand);
        return arguments;
    }

    /// <summary>The arguments that send a control request (such as <c>exit</c>) to the host's master connection.</summary>
    public static IReadOnlyList<string> ForControl(HostEntry host, OpenSshOptions options, string controlDirectory, string request)
    {
        var arguments = Common(host, options, controlDirectory);
        arguments.Add("-O");
        arguments.Add(request);
        arguments.Add("--");
        arguments.Add(host.Address);
        return arguments;
    }

    private static List<string> Common(HostEntry host, OpenSshOptions options, string controlDirectory)
    {
        var arguments = new List<string> { "-o", "BatchMode=yes" };
        if (options.Multiplexing)
        {
            var persist = options.ControlPersistSeconds > 0
                ? options.ControlPersistSeconds.ToString(CultureInfo.InvariantCulture)
                : "no";
            Option(arguments, "ControlMaster", "auto");
            Option(arguments, "ControlPath", QuoteArgument(ConfigValue(controlDirectory) + "/%C"));
            Option(arguments, "ControlPersist", persist);
        }

        if (host.ConnectTimeoutSeconds > 0)
        {
            Option(arguments, "ConnectTimeout", host.ConnectTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        }

        Option(arguments, "StrictHostKeyChecking", host.HostKeyChecking == HostKeyChecking.AcceptNew ? "accept-new" : "yes");
        if (host.KnownHostsFile is { } knownHosts)
        {
            Option(arguments, "UserKnownHostsFile", QuoteArgument(ConfigValue(knownHosts)));
        }

        if (host.IdentityFile is { } identity)
        {
            Option(arguments, "IdentitiesOnly", "yes");
            arguments.Add("-i");
            arguments.Add(ConfigValue(identity));
        }

        arguments.Add("-p");
        arguments.Add(host.Port.ToString(CultureInfo.InvariantCulture));
        if (host.User is { } user)
        {
            arguments.Add("-l");
            arguments.Add(user);
        }

        Option(arguments, "LogLevel", "ERROR");
        return arguments;
    }

    private static void Option(List<string> arguments, string name, string value)
    {
        arguments.Add("-o");
        arguments.Add(name + "=" + value);
    }

    /// <summary>Escapes ssh's <c>%</c> tokens so a path is taken literally.</summary>
    private static string ConfigValue(string path) => path.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>A value as one argument of an ssh configuration line (whitespace would split it into several).</summary>
    private static string QuoteArgument(string escaped)
    {
        if (!escaped.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\'))
        {
            return escaped;
        }

        var builder = new StringBuilder("\"");
        foreach (var c in escaped)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }
}
