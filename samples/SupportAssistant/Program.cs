using SupportAssistant;
using SupportAssistant.Spans;

// A support assistant: answers customer questions with an LLM, looks up orders through tools,
// and traces every conversation turn.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSupportAssistant(builder.Configuration);

var app = builder.Build();
app.MapSupportEndpoints();
app.MapChatTurnEndpoints();
app.Run();
