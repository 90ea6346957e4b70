using FooBar.Provision.Variables;
using static FooBar.Provision.Tests.Inventory.InventoryTestData;

namespace FooBar.Provision.Tests.Inventory;

public sealed class InventorySecretTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["DB_PW"] = "s3cr3t-from-env" };

    [Fact]
    public void A_secret_from_the_environment_becomes_a_masked_SecretValue()
    {
        var model = Loader(Environment).Parse("""
            vars:
              db_password: { env: DB_PW }
            hosts:
              www: { address: 10.0.0.1 }
            """, FilePath);

        var secret = Assert.IsType<SecretValue>(model.Hosts[0].Variables["db_password"]);
        Assert.Equal("env:DB_PW", secret.Source);
        Assert.Equal("s3cr3t-from-env", secret.Reveal());
        Assert.Equal(SecretValue.Mask, secret.ToString());
    }

    [Fact]
    public void A_secret_from_a_file_relative_to_the_inventory_loses_one_trailing_newline()
    {
        using var dir = new TempDirectory();
        dir.Write("inventory/secrets/db_password", "s3cr3t-from-file\n\n");
        var path = dir.Write("inventory/foobar.yaml", """
            vars:
              db_password: { file: secrets/db_password }
            hosts:
              www: { address: 10.0.0.1 }
            """);

        var model = Loader().Load(path);

        var secret = Assert.IsType<SecretValue>(model.Hosts[0].Variables["db_password"]);
        Assert.Equal("file:secrets/db_password", secret.Source);
        Assert.Equal("s3cr3t-from-file\n", secret.Reveal());
        Assert.Equal(SecretValue.Mask, secret.ToString());
    }

    [Fact]
    public void A_secret_nested_in_a_list_of_maps_is_resolved()
    {
        var model = Loader(Environment).Parse("""
            vars:
              db_users:
                - name: app
                  password: { env: DB_PW }
            hosts:
              www: { address: 10.0.0.1 }
            """, FilePath);

        var user = Assert.Single(model.Hosts[0].Variables.GetMapList("db_users"));
        Assert.Equal("app", user["name"]);
        Assert.Equal("s3cr3t-from-env", Assert.IsType<SecretValue>(user["password"]).Reveal());
        Assert.Contains("s3cr3t-from-env", model.Hosts[0].Variables.SecretValues());
    }

    [Fact]
    public void An_unset_environment_variable_is_reported_at_the_secret()
    {
        var exception = Fails("""
            vars:
              db_password: { env: FOOBAR_DB_PASSWORD }
            hosts:
              www: { address: 10.0.0.1 }
            """);

        var error = SingleErrorAt(exception, 2, 16);
        Assert.Contains("environment variable 'FOOBAR_DB_PASSWORD', which is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("export FOOBAR_DB_PASSWORD", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_file_is_reported_with_its_resolved_path()
    {
        using var dir = new TempDirectory();
        var yaml = """
            hosts:
              www:
                address: 10.0.0.1
                vars:
                  db_password: { file: secrets/missing }
            """;
        var path = System.IO.Path.Combine(dir.Path, "foobar.yaml");

        var error = Assert.Single(Fails(yaml, path: path).Errors);

        Assert.Equal((5, 20), (error.Location.Line, error.Location.Column));
        Assert.Contains($"file '{System.IO.Path.Combine(dir.Path, "secrets", "missing")}', which does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("create the file", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_mapping_with_other_keys_is_rejected()
    {
        var exception = Fails("""
            vars:
              db_password: { env: DB_PW, default: x }
            hosts:
              www: { address: 10.0.0.1 }
            """, Environment);

        var error = SingleErrorAt(exception, 2, 16);
        Assert.Contains("exactly one key, 'env' or 'file'", error.Message, StringComparison.Ordinal);
        Assert.Contains("{ env: NAME } or { file: PATH }", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_literal_become_password_is_rejected_without_repeating_it()
    {
        var exception = Fails("""
            hosts:
              www:
                address: 10.0.0.1
                become_password: hunter2
            """);

        var error = SingleErrorAt(exception, 4, 22);
        Assert.Contains("must be a secret reference", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_contain_a_resolved_secret_value()
    {
        var exception = Fails("""
            vars:
              db_password: { env: DB_PW }
            hosts:
              www: { address: 10.0.0.1, roles: [mysql, app-server] }
            """, Environment);

        Assert.Contains("needs variable 'app_port'", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-from-env", exception.ToString(), StringComparison.Ordinal);
    }
}
