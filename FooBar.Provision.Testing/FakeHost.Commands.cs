using System.Text.RegularExpressions;
using FooBar.Provision.Transport;

namespace FooBar.Provision.Testing;

/// <summary>The changes: the commands of the built-in resources and handlers, applied to the host's state.</summary>
public sealed partial class FakeHost
{
    private CommandResult Run(string script, bool readOnly)
    {
        // A handler: its validation first (exit 97 when it fails, as the engine's handler script does).
        if (HandlerValidation().Match(script) is { Success: true } handler)
        {
            if (Respond(handler.Groups[1].Value) is { Succeeded: false } failed)
            {
                return new CommandResult(int.Parse(handler.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), failed.StandardOutput, failed.StandardError);
            }

            script = script[handler.Length..];
        }

        if (Respond(script) is { } taught)
        {
            return taught;
        }

        if (AptInstall().Match(script) is { Success: true } install)
        {
            foreach (var package in ShellText.Words(install.Groups[1].Value))
            {
                Install(package);
            }

            return Ok("");
        }

        if (!readOnly)
        {
            foreach (var words in ShellText.Commands(script))
            {
                Apply(words);
            }
        }

        return Ok("");
    }

    private CommandResult? Respond(string script)
    {
        foreach (var (fragment, respond) in _responders)
        {
            if (script.Contains(fragment, StringComparison.Ordinal))
            {
                return respond(this, script);
            }
        }

        return null;
    }

    private void Install(string package)
    {
        if (_packages.Add(package) && _installEffects.TryGetValue(package, out var effects))
        {
            foreach (var effect in effects)
            {
                effect(this);
            }
        }
    }

    private void Apply(IReadOnlyList<string> words)
    {
        var args = words.Skip(1).Where(w => !w.StartsWith('-')).ToArray();
        switch (words[0])
        {
            case "mkdir":
                foreach (var path in args.Where(p => !_directories.ContainsKey(p)))
                {
                    WithDirectory(path);
                }

                break;
            case "chmod" when args.Length == 2:
                Update(args[1], f => f with { Mode = NormalizeMode(args[0]) }, d => d with { Mode = NormalizeMode(args[0]) });
                break;
            case "chown" when args.Length == 2:
                var owner = args[0].Split(':', 2);
                var group = owner.Length == 2 ? owner[1] : null;
                Update(args[1], f => f with { Owner = owner[0], Group = group ?? f.Group }, d => d with { Owner = owner[0], Group = group ?? d.Group });
                break;
            case "ln" when args.Length == 2:
                WithSymlink(args[1], args[0]);
                break;
            case "mv" when args.Length == 2:
                Move(args[0], args[1]);
                break;
            case "rm":
                foreach (var path in args)
                {
                    Remove(path);
                }

                break;
            case "touch":
                foreach (var path in args.Where(p => !Exists(p)))
                {
                    WithFile(path, "");
                }

                break;
            case "systemctl":
                for (var i = 1; i < args.Length; i++)
                {
                    Service(args[i], args[0]);
                }

                break;
            case "service" when args.Length == 2:
                Service(args[0], args[1]);
                break;
            case "update-rc.d" when args.Length == 2:
                Service(args[0], args[1] == "disable" ? "disable" : "enable");
                break;
            case "groupadd" when args.Length >= 1:
                _groups.Add(args[^1]);
                break;
            case "useradd" or "usermod":
                SetUser(words);
                break;
        }
    }

    private void Update(string path, Func<FakeFile, FakeFile> file, Func<FakeDirectory, FakeDirectory> directory)
    {
        if (_files.TryGetValue(path, out var f))
        {
            _files[path] = file(f);
        }
        else if (_directories.TryGetValue(path, out var d))
        {
            _directories[path] = directory(d);
        }
    }

    private void Move(string from, string to)
    {
        if (_files.Remove(from, out var file))
        {
            Remove(to);
            _files[to] = file with { Path = to };
        }
        else if (_links.Remove(from, out var target))
        {
            Remove(to);
            _links[to] = target;
        }
        else if (_directories.Remove(from, out var directory))
        {
            Remove(to);
            _directories[to] = directory with { Path = to };
        }
    }

    private void Service(string name, string verb)
    {
        var service = _services.GetValueOrDefault(name) ?? new FakeService(name, false, false);
        service = verb switch
        {
            "start" => service.Running ? service : service with { Running = true, Starts = service.Starts + 1 },
            "stop" => service with { Running = false },
            "restart" or "try-restart" => service with { Running = true, Restarts = service.Restarts + 1 },
            "reload" or "reload-or-restart" or "force-reload" => service with { Reloads = service.Reloads + 1 },
            "enable" => service with { Enabled = true },
            "disable" => service with { Enabled = false },
            _ => service,
        };
        if (verb is "start" or "stop" or "restart" or "try-restart" or "reload" or "reload-or-restart" or "force-reload" or "enable" or "disable")
        {
            _services[name] = service;
        }
    }

    private void SetUser(IReadOnlyList<string> words)
    {
        string? Option(params string[] names)
        {
            for (var i = 1; i < words.Count - 1; i++)
            {
                if (names.Contains(words[i]))
                {
                    return words[i + 1];
                }
            }

            return null;
        }

        var name = words[^1];
        var current = _users.GetValueOrDefault(name);
        if (words[0] == "usermod" && current is null)
        {
            return;
        }

        _users[name] = new FakeUser(
            name,
            Option("--gid", "-g") ?? current?.Group ?? name,
            Option("--home-dir", "--home", "-d") ?? current?.Home ?? "/home/" + name,
            Option("--shell", "-s") ?? current?.Shell ?? "/bin/sh");
    }

    // The engine's handler script: `out=$( ( VALIDATION\n) 2>&1 ) || { printf …; exit 97; }` before the action.
    [GeneratedRegex(@"^out=\$\( \( (.*?)\n\) 2>&1 \) \|\| \{[^\n]*?exit (\d+); \}\n", RegexOptions.Singleline)]
    private static partial Regex HandlerValidation();

    [GeneratedRegex(@"fb_apt install .*? -- (.*?); fb_apt_report", RegexOptions.Singleline)]
    private static partial Regex AptInstall();
}
