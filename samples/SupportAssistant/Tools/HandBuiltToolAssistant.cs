using Microsoft.Extensions.AI;

namespace SupportAssistant.Tools;

/// <summary>
/// A hand-built catalog that grew one feature at a time: every support operation is offered on every turn.
/// </summary>
public sealed class HandBuiltToolAssistant(IChatClient chat)
{
    private static readonly AITool[] OrderTools =
    [
        AIFunctionFactory.Create(SupportOperations.GetOrder),
        AIFunctionFactory.Create(SupportOperations.ListOrders),
        AIFunctionFactory.Create(SupportOperations.CancelOrder),
        AIFunctionFactory.Create(SupportOperations.ChangeShippingAddress),
        AIFunctionFactory.Create(SupportOperations.TrackShipment),
        AIFunctionFactory.Create(SupportOperations.ReturnItem),
        AIFunctionFactory.Create(SupportOperations.RefundOrder),
        AIFunctionFactory.Create(SupportOperations.ReorderItems),
    ];

    private static readonly AITool[] AccountTools =
    [
        AIFunctionFactory.Create(SupportOperations.GetAccount),
        AIFunctionFactory.Create(SupportOperations.UpdateEmail),
        AIFunctionFactory.Create(SupportOperations.ResetPassword),
        AIFunctionFactory.Create(SupportOperations.ListPaymentMethods),
        AIFunctionFactory.Create(SupportOperations.RemovePaymentMethod),
        AIFunctionFactory.Create(SupportOperations.ListAddresses),
        AIFunctionFactory.Create(SupportOperations.CloseAccount),
    ];

    private static readonly AITool[] SupportDeskTools =
    [
        AIFunctionFactory.Create(SupportOperations.OpenTicket),
        AIFunctionFactory.Create(SupportOperations.EscalateTicket),
        AIFunctionFactory.Create(SupportOperations.SearchHelpCenter),
        AIFunctionFactory.Create(SupportOperations.GetStoreHours),
        AIFunctionFactory.Create(SupportOperations.FindNearestStore),
        AIFunctionFactory.Create(SupportOperations.ApplyCoupon),
        AIFunctionFactory.Create(SupportOperations.CheckGiftCardBalance),
    ];

    /// <summary>Every tool of every area, on every request.</summary>
    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Tools = [.. OrderTools, .. AccountTools, .. SupportDeskTools], // expect AIL0201
        };

        var response = await chat.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }

    /// <summary>The compliant shape: one area's tools per turn, chosen from what the user asked.</summary>
    public async Task<string> AnswerForAreaAsync(string question, CancellationToken cancellationToken)
    {
        var options = new ChatOptions { Tools = SelectArea(question) };
        var response = await chat.GetResponseAsync(question, options, cancellationToken);
        return response.Text;
    }

    private static IList<AITool> SelectArea(string question) =>
        question.Contains("order", StringComparison.OrdinalIgnoreCase) ? OrderTools
        : question.Contains("account", StringComparison.OrdinalIgnoreCase) ? AccountTools
        : SupportDeskTools;
}
