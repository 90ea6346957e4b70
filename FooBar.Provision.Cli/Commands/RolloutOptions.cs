using System.CommandLine;
using FooBar.Provision.Inventory;

namespace FooBar.Provision.Cli.Commands;

/// <summary>The options of a rolling deploy (docs/rolling-deploys.md): --serial, --max-fail-percentage, --drain-timeout, --health-timeout.</summary>
internal static class RolloutOptions
{
    public static Option<string?> Serial()
    {
        var option = new Option<string?>("--serial")
        {
            Description = "Converge the selected hosts in batches of N hosts or N% of them (at least 1), in inventory order; a batch that fails stops the rollout (--max-fail-percentage). Wins over the groups' serial:. On a load balancer's backends each batch is drained first. See docs/rolling-deploys.md.",
            HelpName = "N|N%",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && BatchSize.TryParse(text, out var problem) is null)
            {
                result.AddError($"--serial must be {BatchSize.Expected}: {problem}.");
            }
        });
        return option;
    }

    public static Option<int?> MaxFailPercentage()
    {
        var option = new Option<int?>("--max-fail-percentage")
        {
            Description = "The share of a batch's hosts (0 to 100) that may fail before the rollout stops; wins over the groups' max_fail_percentage:. Default 0: any failed host stops it.",
            HelpName = "PERCENT",
        };
        option.Validators.Add(result =>
        {
            if (CliOptions.Converted<int>(result) is < 0 or > 100)
            {
                result.AddError("--max-fail-percentage must be a whole number from 0 to 100.");
            }
        });
        return option;
    }

    public static Option<int> DrainTimeout() => Seconds("--drain-timeout", 30, 3600, "Seconds a rolling apply waits for a drained host's sessions on its load balancer to reach 0 before converging it anyway.");

    public static Option<int> HealthTimeout() => Seconds("--health-timeout", 60, 3600, "Seconds a rolling apply waits, after a host converged, for each load balancer's health check to report it up; then the change is rolled back and the rollout stops.");

    private static Option<int> Seconds(string name, int fallback, int max, string description)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "SECONDS", DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (CliOptions.Converted<int>(result) is < 1 || CliOptions.Converted<int>(result) > max)
            {
                result.AddError($"{name} must be between 1 and {max} seconds.");
            }
        });
        return option;
    }
}
