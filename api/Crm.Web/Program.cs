using Crm.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCrm();

var app = builder.Build();
app.UseCrm();
await app.InitializeCrmAsync();
await app.RunAsync();

/// <summary>Entry point; public for WebApplicationFactory in the integration tests.</summary>
public partial class Program;
