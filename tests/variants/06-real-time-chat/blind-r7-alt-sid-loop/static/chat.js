// The chat page's own script; the Socket.IO client is loaded before it.
const socket = io();
const list = document.querySelector("#messages");

function show(text, css) {
  const item = document.createElement("li");
  if (css) item.className = css;
  item.textContent = text;          // never parsed as HTML
  list.appendChild(item);
}

socket.on("status", (data) => show(data.message, "note"));
socket.on("chat_message", (data) => show(`${data.username}: ${data.message}`));

document.querySelector("#who").addEventListener("submit", (e) => {
  e.preventDefault();
  const username = document.querySelector("#name").value.trim();
  if (!username) return;
  socket.emit("join", { username: username });
  e.target.hidden = true;
  document.querySelector("#say").hidden = false;
});

document.querySelector("#say").addEventListener("submit", (e) => {
  e.preventDefault();
  const box = document.querySelector("#text");
  const message = box.value.trim();
  if (!message) return;
  socket.emit("chat_message", { message: message });
  show(`you: ${message}`);
  box.value = "";
});
