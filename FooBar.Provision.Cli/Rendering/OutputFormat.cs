namespace FooBar.Provision.Cli.Rendering;

/// <summary>The --output choice.</summary>
internal enum OutputFormat
{
    /// <summary>A listing and a recap for people (live progress on a terminal).</summary>
    Text,

    /// <summary>One JSON document for machines.</summary>
    Json,
}
