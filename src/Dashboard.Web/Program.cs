using Dashboard.Web.Hosting;
using Dashboard.Web.Layout;

var builder = WebApplication.CreateBuilder(args);

builder.AddData();
builder.AddDashboardUi();

var app = builder.Build();

app.MapDashboardUi();

app.Run();
