using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AiLint;

namespace SupportAssistant.Schema;

/// <summary>How urgent a ticket is.</summary>
public enum TicketPriority
{
    Low,
    Normal,
    High,
    Urgent,
}

/// <summary>The model's triage of one incoming support ticket. The generator adds GetJsonSchema and TryParseLlmJson.</summary>
[LlmSchema("ticket_triage")]
[Description("Triage of one customer support ticket.")]
public partial record TicketTriage(
    [property: Description("One-sentence summary of the customer's problem.")] string Summary,
    TicketPriority Priority,
    [property: Description("The team that should own the ticket, or null when unclear.")] string? Team,
    [property: Range(0, 1), Description("How sure the model is of this triage.")] double Confidence,
    [property: MaxLength(5)] IReadOnlyList<string> Tags,
    [property: RegularExpression("ORD-[0-9]{6}")] string? OrderNumber);

/// <summary>A richer triage that also extracts free-form metadata: OpenAI strict mode cannot declare a dictionary.</summary>
[LlmSchema(Providers = new[] { LlmProvider.OpenAI })]
public partial record TicketTriageWithMetadata(
    string Summary,
    Dictionary<string, string> Metadata); // expect AIL0401
