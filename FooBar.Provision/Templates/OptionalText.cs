namespace FooBar.Provision.Templates;

/// <summary>A value the template allows to be empty (<c>{{ x | optional }}</c>): printed as it is, or as nothing.</summary>
internal sealed record OptionalText(object? Value);
