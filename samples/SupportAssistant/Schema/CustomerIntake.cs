using System.ComponentModel;
using AiLint;

namespace SupportAssistant.Schema;

/// <summary>
/// The intake form the assistant fills in from a first message. Every field is optional, and Anthropic caps strict
/// schemas at 16 union-typed parameters per request: this form has 18 nullable fields.
/// </summary>
[LlmSchema("customer_intake", Providers = new[] { LlmProvider.Anthropic })]
[Description("Customer details extracted from a first support message; null when not mentioned.")]
public partial class CustomerIntake // expect AIL0403
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Company { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public string? PostalCode { get; set; }
    public string? Street { get; set; }
    public string? PreferredLanguage { get; set; }
    public string? AccountNumber { get; set; }
    public string? OrderNumber { get; set; }
    public string? ProductName { get; set; }
    public string? ProductVersion { get; set; }
    public string? OperatingSystem { get; set; }
    public string? Browser { get; set; }
    public DateOnly? PurchaseDate { get; set; }
    public int? SeatCount { get; set; }
}

/// <summary>A refund decision the model returns; someone forgot `partial`, so nothing is generated for it.</summary>
[LlmSchema("refund_decision")]
public sealed record RefundDecision(bool Approve, string Reason, decimal? Amount); // expect AIL0402
