using AiLint.Tool.Bom;
using AiLint.Tool.Tests.Support;

namespace AiLint.Tool.Tests;

/// <summary>
/// A stdio server's arguments are read as a target is read: a local or readonly field with one visible value (the
/// whole list or one element) is followed to it; a list or an element whose value is not visible is unresolved, with
/// the place in the bom-ref, so two servers whose locals share a name are never one service.
/// </summary>
public class BomMcpArgumentTests
{
    // Two servers, both `dotnet`, each given its arguments in a local called `serverArgs` with one visible value.
    private const string TwoLocalsOneName = """
        using ModelContextProtocol.Client;

        public static class OrdersServer
        {
            public static StdioClientTransport Connect()
            {
                var serverArgs = new[] { "run", "--project", "../Orders.Mcp", "--no-build" };
                return new StdioClientTransport(new StdioClientTransportOptions { Name = "orders", Command = "dotnet", Arguments = serverArgs });
            }
        }

        public static class BillingServer
        {
            public static StdioClientTransport Connect()
            {
                var serverArgs = new[] { "run", "--project", "../Billing.Mcp", "--no-build" };
                return new StdioClientTransport(new StdioClientTransportOptions { Name = "billing", Command = "dotnet", Arguments = serverArgs });
            }
        }
        """;

    private const string Twins = """
        using ModelContextProtocol.Client;

        public sealed class McpConfig { public string Arguments { get; set; } = ""; }

        public sealed class Servers(McpConfig _mcpConfig)
        {
            private readonly string[] toolArgs = ["-y", "@modelcontextprotocol/server-memory"];

            public object Literal() => new StdioClientTransportOptions { Command = "npx", Arguments = ["-y", "@modelcontextprotocol/server-github"] };

            public object Field() => new StdioClientTransportOptions { Command = "npx", Arguments = toolArgs };

            public object Element()
            {
                var serverProject = "../Npc.Mcp";
                return new StdioClientTransportOptions { Command = "dotnet", Arguments = ["run", "--project", serverProject, "--no-build"] };
            }

            public object Reassigned(bool release)
            {
                var serverArgs = new[] { "run", "--project", "../Orders.Mcp" };
                if (release)
                {
                    serverArgs = new[] { "run", "-c", "Release", "--project", "../Orders.Mcp" };
                }

                return new StdioClientTransportOptions { Command = "dotnet", Arguments = serverArgs };
            }

            public object ReassignedElsewhere(bool release)
            {
                var serverArgs = new[] { "run", "--project", "../Billing.Mcp" };
                if (release) serverArgs = [];
                return new StdioClientTransportOptions { Command = "dotnet", Arguments = serverArgs };
            }

            public object Configured()
            {
                var args = _mcpConfig.Arguments.Split(' ');
                return new StdioClientTransportOptions { Command = "dotnet", Arguments = args };
            }

            public object ElementFromParameter(string project) => new StdioClientTransportOptions { Command = "dotnet", Arguments = ["run", "--project", project] };
        }
        """;

    [Fact]
    public async Task Two_servers_whose_argument_locals_share_a_name_are_two_services_with_their_own_names()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, TwoLocalsOneName);

        Assert.Equal(
            [
                ("mcp:stdio/dotnet run --project ../Billing.Mcp --no-build", "billing", "Code.cs:17"),
                ("mcp:stdio/dotnet run --project ../Orders.Mcp --no-build", "orders", "Code.cs:8"),
            ],
            bom.McpServers.Select(s => (s.BomRef, s.Name, string.Join(",", s.Locations))));
        Assert.All(bom.McpServers, s => Assert.All(s.Arguments, a => Assert.True(a.IsLiteral)));
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    [Fact]
    public async Task Arguments_are_followed_to_one_visible_value_and_are_unresolved_per_place_otherwise()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, Twins);

        Assert.Equal(
            [
                "mcp:stdio/dotnet run --project ../Npc.Mcp --no-build",
                "mcp:stdio/dotnet run --project unresolved@Code.cs:43",
                "mcp:stdio/dotnet unresolved@Code.cs:27",
                "mcp:stdio/dotnet unresolved@Code.cs:34",
                "mcp:stdio/dotnet unresolved@Code.cs:40",
                "mcp:stdio/npx -y @modelcontextprotocol/server-github",
                "mcp:stdio/npx -y @modelcontextprotocol/server-memory",
            ],
            bom.McpServers.Select(s => s.BomRef));

        // An unresolved list is shown as the expression it comes from (locals written out), or the name as written.
        Assert.Equal(
            [
                "run|--project|../Npc.Mcp|--no-build",
                "run|--project|project?",
                "serverArgs?",
                "serverArgs?",
                "_mcpConfig.Arguments.Split(' ')?",
                "-y|@modelcontextprotocol/server-github",
                "-y|@modelcontextprotocol/server-memory",
            ],
            bom.McpServers.Select(s => string.Join("|", s.Arguments.Select(a => a.Text + (a.IsUnresolved ? "?" : string.Empty)))));

        var json = CycloneDxWriter.Write(bom);
        Assert.Empty(CycloneDx16Rules.Validate(json));
        Assert.Equal(
            [
                ("ailint:mcp:transport", "stdio"),
                ("ailint:mcp:command", "dotnet"),
                ("ailint:mcp:as-written", "literal"),
                ("ailint:mcp:argument-unresolved", "_mcpConfig.Arguments.Split(' ')"),
                ("ailint:location", "Code.cs:40"),
            ],
            BomMcpServerIdentityTests.ServiceProperties(json, "mcp:stdio/dotnet unresolved@Code.cs:40"));
        Assert.Contains("| stdio | `dotnet` `_mcpConfig.Arguments.Split(' ')` (unresolved) | `Code.cs:40` |", BomMarkdownWriter.Write(bom), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_typed_argument_locals_are_unresolved_per_place_and_do_not_throw()
    {
        using var folder = new TempFolder();
        var bom = await BuildAsync(folder.Root, """
            using ModelContextProtocol.Client;

            public static class Servers
            {
                public static object Missing() { var serverArgs = Settings.Args; return new StdioClientTransportOptions { Command = "dotnet", Arguments = serverArgs }; }
                public static object Empty() { var serverArgs = ; return new StdioClientTransportOptions { Command = "dotnet", Arguments = serverArgs }; }
                public static object Undeclared() => new StdioClientTransportOptions { Command = "dotnet", Arguments = ["run", nowhere] };
                public static object Cycle() { string[] a = b, b = a; return new StdioClientTransportOptions { Command = "dotnet", Arguments = a }; }
                public static object Unfinished() { var serverArgs = new[] { "run",
            """);

        Assert.Equal(
            [
                ("mcp:stdio/dotnet run unresolved@Code.cs:7", "run|nowhere?"),
                ("mcp:stdio/dotnet unresolved@Code.cs:5", "Settings.Args?"),
                ("mcp:stdio/dotnet unresolved@Code.cs:6", "serverArgs?"),
                ("mcp:stdio/dotnet unresolved@Code.cs:8", "a?"),
            ],
            bom.McpServers.Select(s => (s.BomRef, string.Join("|", s.Arguments.Select(a => a.Text + (a.IsUnresolved ? "?" : string.Empty))))));
        Assert.Empty(CycloneDx16Rules.Validate(CycloneDxWriter.Write(bom)));
    }

    private static async Task<AiBom> BuildAsync(string directory, string source) =>
        await AiBomBuilder.BuildAsync(await InMemoryInput.CreateAsync(directory, source), TextWriter.Null);
}
