namespace FooBar.Provision.Tests.Roles.Nginx;

/// <summary>PEM-shaped test material (not real keys): distinctive lines that must never leak into a diff.</summary>
internal static class TestPem
{
    public const string KeyLine = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7SECRETLINE";

    public const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIDazCCAlOgAwIBAgIUCERTLINE\n-----END CERTIFICATE-----\n";

    public const string Key = "-----BEGIN PRIVATE KEY-----\n" + KeyLine + "\nAnotherSecretKeyLine0123456789\n-----END PRIVATE KEY-----";

    public const string OldKey = "-----BEGIN PRIVATE KEY-----\nOLDKEYMATERIALTHATMUSTSTAYHIDDEN\n-----END PRIVATE KEY-----\n";
}
