namespace AiLint.Tests.Schema;

public class SmokeScratch
{
    [Fact]
    public void Compiles()
    {
        const string source = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;
            using System.Text.Json.Serialization;
            using AiLint;

            namespace Demo;

            public enum Priority { Low, Normal, High, Urgent }

            [LlmSchema("ticket_triage")]
            [Description("Triage of one support ticket.")]
            public partial record TicketTriage(
                [property: Description("One-line summary")] string Summary,
                Priority Priority,
                [property: Range(0, 1)] double Confidence,
                IReadOnlyList<string> Tags,
                string? AssignedTeam,
                Customer? Customer);

            public sealed class Customer
            {
                public string Name { get; set; } = "";
                public int? Age { get; init; }
                public DateTimeOffset Since { get; set; }
                public DateOnly Birthday { get; set; }
                public Guid Id { get; set; }
                public List<Customer>? Friends { get; set; }
            }
            """;
        using var loaded = GeneratorHarness.CompileAndLoad(source);
        var type = loaded.Type("Demo.TicketTriage");
        foreach (var p in new[] { LlmProvider.OpenAI, LlmProvider.Anthropic, LlmProvider.Gemini })
        {
            try { Console.WriteLine(type.GetJsonSchema(p)); } catch (Exception e) { Console.WriteLine(e.Message); }
        }
        var r = type.TryParse("""{"summary":"x","priority":"high","confidence":"0.5","tags":"a","assignedTeam":null,"customer":null}""", LlmProvider.OpenAI, LlmParseMode.Coerce);
        Console.WriteLine(r.Ok + " " + r.Value + " " + string.Join("; ", r.Violations));
    }
}
