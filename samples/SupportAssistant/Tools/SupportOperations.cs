using System.ComponentModel;

namespace SupportAssistant.Tools;

/// <summary>The support operations the assistant can run (stubs: the sample has no back end).</summary>
public static class SupportOperations
{
    [Description("Gets an order by its number.")] public static string GetOrder(string orderNumber) => $"Order {orderNumber}: shipped.";
    [Description("Lists the customer's recent orders.")] public static string ListOrders(string customerId) => $"{customerId}: 3 orders.";
    [Description("Cancels an order that has not shipped.")] public static string CancelOrder(string orderNumber) => $"Order {orderNumber} cancelled.";
    [Description("Changes the shipping address of an order.")] public static string ChangeShippingAddress(string orderNumber, string address) => $"Order {orderNumber} ships to {address}.";
    [Description("Tracks the shipment of an order.")] public static string TrackShipment(string orderNumber) => $"Order {orderNumber}: in transit.";
    [Description("Starts the return of an item.")] public static string ReturnItem(string orderNumber, string sku) => $"Return of {sku} started.";
    [Description("Refunds an order.")] public static string RefundOrder(string orderNumber) => $"Order {orderNumber} refunded.";
    [Description("Places the same order again.")] public static string ReorderItems(string orderNumber) => $"Order {orderNumber} placed again.";
    [Description("Gets the customer's account.")] public static string GetAccount(string customerId) => $"Account {customerId}.";
    [Description("Changes the account's e-mail address.")] public static string UpdateEmail(string customerId, string email) => $"{customerId}: {email}.";
    [Description("Sends a password-reset link.")] public static string ResetPassword(string customerId) => $"Reset link sent to {customerId}.";
    [Description("Lists saved payment methods.")] public static string ListPaymentMethods(string customerId) => $"{customerId}: 2 cards.";
    [Description("Removes a saved payment method.")] public static string RemovePaymentMethod(string customerId, string methodId) => $"{methodId} removed.";
    [Description("Lists saved addresses.")] public static string ListAddresses(string customerId) => $"{customerId}: 1 address.";
    [Description("Closes the account.")] public static string CloseAccount(string customerId) => $"Account {customerId} closed.";
    [Description("Opens a support ticket.")] public static string OpenTicket(string customerId, string summary) => $"Ticket opened: {summary}.";
    [Description("Escalates a ticket to a human.")] public static string EscalateTicket(string ticketId) => $"Ticket {ticketId} escalated.";
    [Description("Searches the help center.")] public static string SearchHelpCenter(string query) => $"3 articles for '{query}'.";
    [Description("Gets a store's opening hours.")] public static string GetStoreHours(string storeId) => $"Store {storeId}: 9-18.";
    [Description("Finds the nearest store.")] public static string FindNearestStore(string postcode) => $"Nearest store to {postcode}: Main St.";
    [Description("Applies a coupon to an order.")] public static string ApplyCoupon(string orderNumber, string code) => $"{code} applied to {orderNumber}.";
    [Description("Checks a gift card's balance.")] public static string CheckGiftCardBalance(string cardNumber) => $"Card {cardNumber}: 25.00.";
}
