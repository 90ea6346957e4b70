using System.CommandLine;

namespace FooBar.Provision.Cli.Commands;

/// <summary><c>provision completion bash|zsh|powershell</c>: prints the shell script that completes <c>provision</c>'s verbs and options.</summary>
/// <remarks>
/// Each script asks <c>provision</c> itself through System.CommandLine's <c>[suggest:POSITION]</c> directive, so the
/// completions always match the installed version (docs/cli/completion.md).
/// </remarks>
internal static class CompletionCommand
{
    private const string Bash = """
        # provision: bash completion (source it from ~/.bashrc: eval "$(provision completion bash)")
        _provision_complete() {
            local IFS=$'\n'
            COMPREPLY=($(compgen -W "$(provision "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _provision_complete provision
        """;

    private const string Zsh = """
        # provision: zsh completion (in ~/.zshrc, after compinit: eval "$(provision completion zsh)")
        _provision_complete() {
            local line="${words[*]}"
            local -a candidates
            candidates=("${(@f)$(provision "[suggest:${#line}]" "$line" 2>/dev/null)}")
            compadd -a candidates
        }
        compdef _provision_complete provision
        """;

    private const string PowerShell = """
        # provision: PowerShell completion (in $PROFILE: provision completion powershell | Out-String | Invoke-Expression)
        Register-ArgumentCompleter -Native -CommandName provision -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString().PadRight($cursorPosition, ' ')
            provision "[suggest:$cursorPosition]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or powershell." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "powershell");
        var command = new Command("completion", "Print the script that completes provision's verbs, options and their values in bash, zsh or PowerShell (see docs/cli/completion.md): eval \"$(provision completion bash)\".") { shell };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var script = parseResult.GetValue(shell) switch
            {
                "zsh" => Zsh,
                "powershell" => PowerShell,
                _ => Bash,
            };
            await context.Stdout.WriteLineAsync(script.AsMemory(), cancellationToken).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
