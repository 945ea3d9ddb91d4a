var socket = io();
var lines = document.getElementById('lines');

function show(line) {
  var div = document.createElement('div');
  div.appendChild(document.createTextNode(line));
  lines.appendChild(div);
}

socket.on('status', function (data) { show('* ' + data.text); });
socket.on('chat_message', function (data) { show(data.username + ': ' + data.message); });

document.getElementById('join').onclick = function () {
  socket.emit('join', {username: document.getElementById('name').value});
};
document.getElementById('send').onclick = function () {
  var box = document.getElementById('text');
  socket.emit('chat_message', {message: box.value});
  show('me: ' + box.value);
  box.value = '';
};
